// Storage of referrals to the Observatory. The rate limit is checked under a per-person lock in the transaction
// that inserts, so a burst cannot pass it together; a staff decision changes a referral only from the status it
// was read in (compare-and-set), so two staff members cannot both answer.
import type { DomainEvent } from "../../../platform/outbox.ts";
import type { ReferralRecord, ReferralStatus } from "../domain/observatory/model.ts";

export type ReferralKey = [submittedAt: string, id: string];

export interface ReferralFilter {
  status?: ReferralStatus;
  /** Only this person's referrals (their own list). */
  referrerAccountId?: string;
}

export type SubmitOutcome =
  | { kind: "submitted"; referral: ReferralRecord }
  | { kind: "rate_limited"; retryAfterSeconds: number }
  | { kind: "project_not_found" };

export interface ReferralChange {
  status: ReferralStatus;
  examinationStartedAt?: Date;
  answer?: string;
  answeredAt?: Date;
  answeredByAccountId?: string | null;
}

export interface ReferralStore {
  byIds(ids: readonly string[]): Promise<ReferralRecord[]>;
  list(filter: ReferralFilter, limit: number, after: ReferralKey | null): Promise<ReferralRecord[]>;
  count(filter: ReferralFilter): Promise<number>;
  /** Inserts unless the referrer filed `max` referrals since `since`; the project, when named, must exist. */
  submit(
    referral: ReferralRecord,
    limit: { since: Date; max: number; seconds: number },
    event: DomainEvent,
  ): Promise<SubmitOutcome>;
  /** Applies the change if the referral is still in one of `from`; null when it is not (or does not exist). */
  change(
    id: string,
    from: readonly ReferralStatus[],
    change: ReferralChange,
    /** The event of the change, from the changed referral (recorded in the same transaction). */
    event: (changed: ReferralRecord) => DomainEvent,
  ): Promise<ReferralRecord | null>;
  exportAccount(accountId: string): Promise<Record<string, unknown>[]>;
  /** Forgets the referrer (account, collective's name) and the staff member who answered; the referrals stay. */
  eraseAccount(accountId: string): Promise<number>;
  /** Retention: referrals answered or declined before `before` forget their referrer (account, collective). */
  forgetReferrers(before: Date): Promise<number>;
}
