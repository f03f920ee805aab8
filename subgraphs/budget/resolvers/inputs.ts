// Validation of arguments with zod, before anything reaches a command: malformed input is BAD_USER_INPUT (with the
// argument named); well-formed input that breaks a business rule is left to the commands' typed problems.
import { z } from "zod";
import type { Caller } from "../../../platform/caller.ts";
import type { Config } from "../../../platform/config.ts";
import { badUserInput } from "../../../platform/errors.ts";
import { isUuid } from "../../../platform/ids.ts";
import type { CreateCampaignInput } from "../domain/createCampaign.ts";
import type { FollowUpInput } from "../domain/followUpProject.ts";
import type { BallotStyle, FollowUpStatus, Phase, ReviewDecision } from "../domain/model.ts";
import type { ReviewProjectInput } from "../domain/reviewProject.ts";
import type { SubmitProjectInput } from "../domain/submitProject.ts";

const uuid = z.string().refine((value) => isUuid(value), "Identifiant invalide.");
const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const nullableText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => (value ? value : null));
const date = z.date();

function parse<T>(schema: z.ZodType<T>, value: unknown, argument: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = [argument, ...(issue?.path ?? [])].join(".");
  throw badUserInput(`Valeur invalide pour ${path} : ${issue?.message ?? "format incorrect"}.`, {
    argument: path,
  });
}

export function requireUuid(value: unknown, argument: string): string {
  return parse(uuid, value, argument);
}

const BallotRules = z.object({
  style: z.enum(["approval", "knapsack"]),
  maxProjects: z.number().int().nullish(),
  minimumSharePercent: z.number().int().nullish(),
});

const CampaignArgs = z.object({
  title: text(3, 200),
  description: text(0, 10_000),
  totalBudgetCents: z.number().int(),
  projectCapCents: z.number().int(),
  submissionStartsAt: date,
  submissionEndsAt: date,
  votingStartsAt: date,
  votingEndsAt: date,
  ballot: BallotRules,
  ballotScope: z.enum(["campaign", "envelope"]).nullish(),
  ballotChangeable: z.boolean().nullish(),
  eligibility: z
    .object({
      residentRequired: z.boolean(),
      participationPactRequired: z.boolean(),
      minimumAge: z.number().int().nullish(),
    })
    .nullish(),
  envelopes: z
    .array(
      z.object({
        quartierId: uuid.nullish(),
        label: text(2, 120),
        amountCents: z.number().int(),
        ballot: BallotRules.nullish(),
      }),
    )
    .max(50)
    .nullish(),
});

export function parseCampaignInput(value: unknown, config: Config): CreateCampaignInput {
  const input = parse(CampaignArgs, value, "input");
  const rules = (ballot: z.infer<typeof BallotRules>) => ({
    ballotStyle: ballot.style as BallotStyle,
    maxProjects: ballot.maxProjects ?? null,
    minimumSharePercent: ballot.minimumSharePercent ?? null,
  });
  const configuredAge = config.BUDGET_VOTE_MIN_AGE === "none" ? null : Number(config.BUDGET_VOTE_MIN_AGE);
  return {
    title: input.title,
    description: input.description,
    totalBudgetCents: input.totalBudgetCents,
    projectCapCents: input.projectCapCents,
    submissionStartsAt: input.submissionStartsAt,
    submissionEndsAt: input.submissionEndsAt,
    votingStartsAt: input.votingStartsAt,
    votingEndsAt: input.votingEndsAt,
    ballotScope: input.ballotScope ?? "campaign",
    ballotChangeable: input.ballotChangeable ?? config.BUDGET_BALLOT_CHANGEABLE,
    requireResident: input.eligibility?.residentRequired ?? config.BUDGET_VOTE_REQUIRE_RESIDENT,
    requirePact: input.eligibility?.participationPactRequired ?? config.BUDGET_VOTE_REQUIRE_PACT,
    minimumAge: input.eligibility ? (input.eligibility.minimumAge ?? null) : configuredAge,
    envelopes: input.envelopes?.length
      ? input.envelopes.map((envelope) => ({
          quartierId: envelope.quartierId ?? null,
          label: envelope.label,
          amountCents: envelope.amountCents,
          ...rules(envelope.ballot ?? input.ballot),
        }))
      : [
          {
            quartierId: null,
            label: "Toute la ville",
            amountCents: input.totalBudgetCents,
            ...rules(input.ballot),
          },
        ],
  };
}

const Link = z
  .string()
  .trim()
  .max(500)
  .refine((value) => /^https?:\/\/[^\s]+$/i.test(value) && URL.canParse(value), "lien http(s) attendu");

export function parseSubmitInput(value: unknown, config: Config): SubmitProjectInput {
  const schema = z.object({
    campaignId: uuid,
    title: text(5, config.BUDGET_PROJECT_TITLE_MAX_LENGTH),
    description: text(20, config.BUDGET_PROJECT_DESCRIPTION_MAX_LENGTH),
    quartierId: uuid.nullish(),
    location: z.object({ lat: z.number().finite(), lon: z.number().finite() }).nullish(),
    estimatedCostCents: z.number().int(),
    links: z.array(Link).max(10).nullish(),
  });
  const input = parse(schema, value, "input");
  return {
    ...input,
    quartierId: input.quartierId ?? null,
    location: input.location ?? null,
    links: input.links ?? [],
  };
}

export function parseReviewInput(value: unknown, caller: Caller): ReviewProjectInput {
  const schema = z.object({
    projectId: uuid,
    decision: z.enum(["admissible", "inadmissible", "feasible", "not_feasible"]),
    service: nullableText(60),
    justification: text(5, 5_000),
    costEstimateCents: z.number().int().nullish(),
    internalNote: nullableText(5_000),
  });
  const input = parse(schema, value, "input");
  const service = input.service ?? caller.staffService;
  if (!service) throw badUserInput("Indiquez le service qui rend l'avis.", { argument: "input.service" });
  return {
    projectId: input.projectId,
    decision: input.decision as ReviewDecision,
    service,
    justification: input.justification,
    costEstimateCents: input.costEstimateCents ?? null,
    internalNote: input.internalNote,
  };
}

export function parseMergeInput(value: unknown) {
  return parse(z.object({ duplicateId: uuid, intoId: uuid, justification: text(5, 5_000) }), value, "input");
}

export function parseAdvanceArgs(value: unknown): { campaignId: string; to: Phase } {
  return parse(
    z.object({
      campaignId: uuid,
      to: z.enum(["submission", "admissibility", "feasibility", "voting", "results", "implementation"]),
    }),
    value,
    "arguments",
  );
}

/** Idempotency keys: opaque to us, but bounded and plain, as they are stored. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export function parseCastArgs(value: unknown) {
  return parse(
    z.object({
      campaignId: uuid,
      projectIds: z.array(uuid).max(100),
      idempotencyKey: z.string().regex(IDEMPOTENCY_KEY, "8 à 128 caractères parmi lettres, chiffres et ._:-"),
    }),
    value,
    "arguments",
  );
}

export function parseFollowUpInput(value: unknown): FollowUpInput {
  const schema = z.object({
    projectId: uuid,
    status: z.enum(["in_progress", "completed", "suspended", "cancelled"]).nullish(),
    progressPercent: z.number().int().nullish(),
    finalCostCents: z.number().int().nullish(),
    note: nullableText(5_000),
    milestone: z.object({ title: text(3, 200), dueOn: date.nullish(), reachedOn: date.nullish() }).nullish(),
    milestoneReached: z.object({ id: uuid, reachedOn: date }).nullish(),
  });
  const input = parse(schema, value, "input");
  return {
    projectId: input.projectId,
    status: (input.status ?? null) as FollowUpStatus | null,
    progressPercent: input.progressPercent ?? null,
    finalCostCents: input.finalCostCents ?? null,
    note: input.note,
    milestone: input.milestone
      ? {
          title: input.milestone.title,
          dueOn: input.milestone.dueOn ?? null,
          reachedOn: input.milestone.reachedOn ?? null,
        }
      : null,
    reachedMilestone: input.milestoneReached ?? null,
  };
}

export function parseBox(value: unknown) {
  return parse(
    z
      .object({
        west: z.number().min(-180).max(180),
        south: z.number().min(-90).max(90),
        east: z.number().min(-180).max(180),
        north: z.number().min(-90).max(90),
        limit: z.number().int().min(1).max(5_000),
      })
      .refine((box) => box.west < box.east && box.south < box.north, "rectangle vide ou inversé"),
    value,
    "arguments",
  );
}
