// Staff of the Observatory move a referral along its public lifecycle: they start examining it, then answer it —
// in the Observatory's remit (answered) or not (declined), with a public answer either way. Each step happens
// once: the change applies only from the status it may come from, so two staff members never both answer.
import { invalid, type Problem } from "../problems.ts";
import { text } from "../validate.ts";
import type { ReferralContext } from "./context.ts";
import { referralEvent } from "./events.ts";
import {
  CAN_ANSWER,
  CAN_EXAMINE,
  REFERRAL_RULES,
  type ReferralRecord,
  type ReferralStatus,
} from "./model.ts";

type Outcome = { referral: ReferralRecord } | Problem;

async function conflictOrNotFound(id: string, ctx: ReferralContext): Promise<Problem> {
  const [referral] = await ctx.referrals.byIds([id]);
  if (!referral) return { problem: "ObservatoryReferralNotFound", message: "Saisine introuvable." };
  return {
    problem: "ObservatoryReferralStateConflict",
    message: "Cette saisine n'est plus à cette étape.",
    status: referral.status,
  };
}

export async function examineReferral(id: string, ctx: ReferralContext): Promise<Outcome> {
  const changed = await ctx.referrals.change(
    id,
    [...CAN_EXAMINE],
    { status: "under_examination", examinationStartedAt: ctx.now },
    (referral) => referralEvent("examined", referral),
  );
  return changed ? { referral: changed } : conflictOrNotFound(id, ctx);
}

export async function answerReferral(
  id: string,
  answerText: string,
  admissible: boolean,
  ctx: ReferralContext,
): Promise<Outcome> {
  const answer = text("answer", answerText, REFERRAL_RULES.answer);
  if (typeof answer !== "string") return answer;
  if (!ctx.caller.accountId) return invalid("answer", "Une réponse se donne depuis un compte du personnel.");
  const status: ReferralStatus = admissible ? "answered" : "declined";
  const changed = await ctx.referrals.change(
    id,
    [...CAN_ANSWER],
    { status, answer, answeredAt: ctx.now, answeredByAccountId: ctx.caller.accountId },
    (referral) => referralEvent("answered", referral),
  );
  return changed ? { referral: changed } : conflictOrNotFound(id, ctx);
}
