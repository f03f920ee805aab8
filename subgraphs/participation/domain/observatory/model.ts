// Referrals to the Observatory of participation (saisine de l'Observatoire, after Placit's `SaisineObservatoire`):
// a resident or a named collective asks the Observatory to look at how a matter was (or was not) put to the public.
// The lifecycle is public — what was referred, where it stands, the answer — the referrer is not: their account and
// a collective's name are seen only by themselves and the city's staff (each staff read audited), and erasure
// forgets them while the referral stays.

export type ReferrerKind = "citizen" | "collective";

/** submitted → under_examination → answered (in the Observatory's remit) or declined (outside it). */
export type ReferralStatus = "submitted" | "under_examination" | "answered" | "declined";
export const REFERRAL_STATUSES: readonly ReferralStatus[] = [
  "submitted",
  "under_examination",
  "answered",
  "declined",
];

export interface ReferralPlace {
  name: string;
  lat: number | null;
  lon: number | null;
}

export interface ReferralRecord {
  id: string;
  title: string;
  description: string;
  place: ReferralPlace | null;
  /** The city project the matter concerns, if any (this subgraph's own). */
  projectId: string | null;
  /** The other ways the referrer already tried (a petition, a meeting, a letter…), in their words. */
  mechanismsTried: string;
  referrerKind: ReferrerKind;
  /** The collective's name: never public. Null for a person, and once the referrer's account was erased. */
  collectiveName: string | null;
  /** Pseudonymous account of the referrer: never public; null once erased. */
  referrerAccountId: string | null;
  status: ReferralStatus;
  submittedAt: Date;
  examinationStartedAt: Date | null;
  answer: string | null;
  answeredAt: Date | null;
}

/** The Observatory's limits: texts, and how many referrals one person may file (a flood is not a referral). */
export const REFERRAL_RULES = {
  title: { min: 5, max: 150 },
  description: { min: 20, max: 5_000, multiline: true },
  mechanismsTried: { min: 0, max: 2_000, multiline: true },
  collectiveName: { min: 2, max: 150 },
  placeName: { min: 2, max: 200 },
  answer: { min: 10, max: 10_000, multiline: true },
  perDay: 3,
} as const;

/** What staff may do next from each status. */
export const CAN_EXAMINE: ReadonlySet<ReferralStatus> = new Set(["submitted"]);
export const CAN_ANSWER: ReadonlySet<ReferralStatus> = new Set(["submitted", "under_examination"]);
