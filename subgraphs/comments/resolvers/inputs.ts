// Argument parsing shared by the resolvers: ids, pages, and the schema's enums to the domain's vocabulary.
import { z } from "zod";
import { badUserInput } from "../../../platform/errors.ts";
import { isUuid } from "../../../platform/ids.ts";
import { type Page, parsePage } from "../../../platform/pagination.ts";
import type { ReportReason, TargetType, VoteValue } from "../domain/model.ts";
import { REPORT_REASONS } from "../domain/model.ts";

export function requireUuid(value: unknown, argument: string): string {
  if (typeof value !== "string" || !isUuid(value)) throw badUserInput("Identifiant invalide.", { argument });
  return value;
}

/** Keyset cursors: [date as ISO text, id]. */
const KeySchema = z.tuple([z.iso.datetime(), z.uuid()]);
export type Key = z.infer<typeof KeySchema>;

export const pageOf = (args: unknown): Page<Key> => parsePage(args, KeySchema);

export const TARGET_TYPE_OF: Record<string, TargetType> = {
  PETITION: "petition",
  BUDGET_PROJECT: "budget_project",
  PROJECT: "project",
  CONSULTATION: "consultation",
};

/** Schema type name of each target type (the entities' __typename). */
export const TYPENAME_OF: Record<TargetType, string> = {
  petition: "Petition",
  budget_project: "BudgetProject",
  project: "Project",
  consultation: "Consultation",
};

/** As the platform's other idempotency keys (signatures, ballots): 8 to 128 letters, digits, - and _. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

export function idempotencyKeyOf(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (!IDEMPOTENCY_KEY.test(value))
    throw badUserInput("La clé d'idempotence compte 8 à 128 caractères : lettres, chiffres, - et _.", {
      argument: "idempotencyKey",
    });
  return value;
}

export const VOTE_OF: Record<string, VoteValue> = { UP: 1, DOWN: -1 };

export function reportReasonOf(value: string): ReportReason {
  const reason = value.toLowerCase() as ReportReason;
  if (!REPORT_REASONS.includes(reason)) throw badUserInput("Motif inconnu.", { argument: "reason" });
  return reason;
}
