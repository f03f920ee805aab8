// Events of the Observatory's referrals (outbox): their public lifecycle only — never who referred.
import type { DomainEvent } from "../../../../platform/outbox.ts";
import type { ReferralRecord } from "./model.ts";

export const referralEvent = (type: "submitted" | "examined" | "answered", referral: ReferralRecord) =>
  ({
    type: `participation.referral_${type}`,
    subject: `observatory_referral:${referral.id}`,
    payload: {
      referralId: referral.id,
      title: referral.title,
      status: referral.status,
      projectId: referral.projectId,
    },
  }) satisfies DomainEvent;
