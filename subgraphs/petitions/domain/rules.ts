// The city's petition rules, read once from configuration (thresholds, period, eligibility, text limits), so a
// change of policy is a change of environment, not of code.
import type { VerificationLevel } from "../../../platform/caller.ts";
import type { Config } from "../../../platform/config.ts";

export interface TextLimits {
  min: number;
  max: number;
}

export interface PetitionRules {
  meetingThreshold: number;
  councilThreshold: number;
  signingDays: number;
  newDays: number;
  soonFinishedDays: number;
  minCoAuthors: number;
  maxCoAuthors: number;
  eligibility: {
    minVerification: Exclude<VerificationLevel, "none">;
    requireResident: boolean;
    requirePact: boolean;
    /** 16 or 18, or null for no minimum. */
    minAge: 16 | 18 | null;
  };
  text: {
    title: TextLimits;
    body: TextLimits;
    response: TextLimits;
    reason: TextLimits;
    publicName: TextLimits;
    location: TextLimits;
    purpose: TextLimits;
  };
  /** Furthest a moderator may schedule the opening of the signing period. */
  maxScheduleDays: number;
  /** Largest paper batch accepted in one entry. */
  maxPaperBatch: number;
}

export function rulesFromConfig(config: Config): PetitionRules {
  if (config.PETITION_COUNCIL_THRESHOLD <= config.PETITION_MEETING_THRESHOLD) {
    throw new Error("PETITION_COUNCIL_THRESHOLD must be greater than PETITION_MEETING_THRESHOLD");
  }
  if (config.PETITION_MAX_COAUTHORS < config.PETITION_MIN_COAUTHORS) {
    throw new Error("PETITION_MAX_COAUTHORS must be at least PETITION_MIN_COAUTHORS");
  }
  const minAge =
    config.PETITION_SIGN_MIN_AGE === "none" ? null : (Number(config.PETITION_SIGN_MIN_AGE) as 16 | 18);
  return {
    meetingThreshold: config.PETITION_MEETING_THRESHOLD,
    councilThreshold: config.PETITION_COUNCIL_THRESHOLD,
    signingDays: config.PETITION_SIGNING_DAYS,
    newDays: config.PETITION_NEW_DAYS,
    soonFinishedDays: config.PETITION_SOON_FINISHED_DAYS,
    minCoAuthors: config.PETITION_MIN_COAUTHORS,
    maxCoAuthors: config.PETITION_MAX_COAUTHORS,
    eligibility: {
      minVerification: config.PETITION_SIGN_MIN_VERIFICATION,
      requireResident: config.PETITION_SIGN_REQUIRE_RESIDENT,
      requirePact: config.PETITION_SIGN_REQUIRE_PACT,
      minAge,
    },
    text: {
      title: { min: config.PETITION_TITLE_MIN_LENGTH, max: config.PETITION_TITLE_MAX_LENGTH },
      body: { min: config.PETITION_BODY_MIN_LENGTH, max: config.PETITION_BODY_MAX_LENGTH },
      response: { min: 1, max: config.PETITION_RESPONSE_MAX_LENGTH },
      reason: { min: 1, max: 2_000 },
      publicName: { min: 1, max: 60 },
      location: { min: 1, max: 200 },
      purpose: { min: 3, max: 500 },
    },
    maxScheduleDays: 60,
    maxPaperBatch: 100_000,
  };
}

export const DAY_MS = 86_400_000;
