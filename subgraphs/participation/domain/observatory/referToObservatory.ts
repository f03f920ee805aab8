// A resident, alone or for a named collective, refers a matter to the Observatory of participation: what, where,
// which city project it concerns, and what they already tried. Texts are cleaned and bounded like the rest of
// participation; a person files at most REFERRAL_RULES.perDay referrals in 24 hours (checked under their lock).
import { newId } from "../../../../platform/ids.ts";
import { invalid, type Problem, projectNotFound } from "../problems.ts";
import { coordinates, firstProblem, optionalText, text } from "../validate.ts";
import type { ReferralContext } from "./context.ts";
import { referralEvent } from "./events.ts";
import { REFERRAL_RULES, type ReferralPlace, type ReferralRecord } from "./model.ts";

export interface ReferralInput {
  title: string;
  description: string;
  place?: { name: string; lat?: number | null; lon?: number | null } | null;
  projectId?: string | null;
  mechanismsTried?: string | null;
  /** Present: the referral is made for this collective. */
  collectiveName?: string | null;
}

function placeOf(input: ReferralInput["place"]): ReferralPlace | null | Problem {
  if (!input) return null;
  const name = text("place.name", input.name, REFERRAL_RULES.placeName);
  if (typeof name !== "string") return name;
  const lat = input.lat ?? null;
  const lon = input.lon ?? null;
  if ((lat === null) !== (lon === null)) return invalid("place", "Latitude et longitude vont ensemble.");
  if (lat !== null && lon !== null) {
    const problem = coordinates("place", lat, lon);
    if (problem) return problem;
  }
  return { name, lat, lon };
}

export async function referToObservatory(
  input: ReferralInput,
  ctx: ReferralContext,
): Promise<{ referral: ReferralRecord } | Problem> {
  const accountId = ctx.caller.accountId;
  // Permissions let only personal accounts here; a caller without one has nothing to be the referrer of.
  if (!accountId) return invalid("referrer", "Une saisine se fait depuis un compte personnel.");
  const fields = {
    title: text("title", input.title, REFERRAL_RULES.title),
    description: text("description", input.description, REFERRAL_RULES.description),
    mechanismsTried: text("mechanismsTried", input.mechanismsTried ?? "", REFERRAL_RULES.mechanismsTried),
    collectiveName: optionalText("collectiveName", input.collectiveName, REFERRAL_RULES.collectiveName),
    place: placeOf(input.place),
  };
  const problem = firstProblem(Object.values(fields));
  if (problem) return problem;
  const collectiveName = fields.collectiveName as string | null;
  const referral: ReferralRecord = {
    id: newId(),
    title: fields.title as string,
    description: fields.description as string,
    place: fields.place as ReferralPlace | null,
    projectId: input.projectId ?? null,
    mechanismsTried: fields.mechanismsTried as string,
    referrerKind: collectiveName ? "collective" : "citizen",
    collectiveName,
    referrerAccountId: accountId,
    status: "submitted",
    submittedAt: ctx.now,
    examinationStartedAt: null,
    answer: null,
    answeredAt: null,
  };
  const day = 86_400;
  const outcome = await ctx.referrals.submit(
    referral,
    { since: new Date(ctx.now.getTime() - day * 1000), max: REFERRAL_RULES.perDay, seconds: day },
    referralEvent("submitted", referral),
  );
  if (outcome.kind === "project_not_found") return projectNotFound();
  if (outcome.kind === "rate_limited")
    return {
      problem: "ObservatoryReferralRateLimited",
      message: `Au plus ${REFERRAL_RULES.perDay} saisines par jour : réessayez plus tard.`,
      retryAfterSeconds: outcome.retryAfterSeconds,
    };
  return { referral: outcome.referral };
}
