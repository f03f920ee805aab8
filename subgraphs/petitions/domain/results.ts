// Expected business outcomes. A command returns its success or one problem, each tagged with a domain kind; the
// resolvers know which GraphQL type each kind becomes (resolvers/outcomeTypes.ts). Messages are French; nothing
// was changed when a problem is returned.
import type { IneligibilityReason } from "./eligibility.ts";
import { explainIneligibility } from "./eligibility.ts";
import type { PetitionRecord, PetitionState } from "./model.ts";
import type { TextLimits } from "./rules.ts";
import type { TextProblem } from "./text.ts";

export type OutcomeKind =
  | "created"
  | "updated"
  | "submitted"
  | "moderation_started"
  | "published"
  | "rejected"
  | "withdrawn"
  | "answered"
  | "signed"
  | "signature_withdrawn"
  | "co_authorship_accepted"
  | "paper_signatures_recorded"
  | "signatures_exported"
  | "already_signed"
  | "committee_size"
  | "idempotency_key_reused"
  | "invalid_paper_batch"
  | "invalid_text"
  | "not_author"
  | "not_eligible"
  | "not_found"
  | "not_invited"
  | "not_open"
  | "signature_not_found"
  | "state_conflict"
  | "unknown_quartier";

export interface Outcome<Kind extends OutcomeKind = OutcomeKind> {
  kind: Kind;
  [field: string]: unknown;
}

export const notFound = () =>
  ({ kind: "not_found", message: "Cette pétition n'existe pas ou ne vous est pas visible." }) as const;

export const notAuthor = () =>
  ({ kind: "not_author", message: "Seul l'auteur de la pétition peut faire cela." }) as const;

const STATE_LABELS: Record<PetitionState, string> = {
  draft: "un brouillon",
  submitted: "déposée, en attente de modération",
  in_moderation: "en modération",
  published: "publiée",
  answered: "close : la Ville a répondu",
  closed: "close",
  rejected: "refusée",
  withdrawn: "retirée",
};

export const stateConflict = (state: PetitionState, action: string) =>
  ({
    kind: "state_conflict",
    message: `Impossible de ${action} : la pétition est ${STATE_LABELS[state]}.`,
    currentState: state,
  }) as const;

export const notEligible = (reasons: IneligibilityReason[]) =>
  ({ kind: "not_eligible", message: explainIneligibility(reasons), reasons }) as const;

const FIELD_LABELS: Record<string, string> = {
  title: "Le titre",
  body: "Le texte",
  response: "La réponse",
  reason: "Le motif",
  publicName: "Le nom affiché",
  location: "Le lieu",
  purpose: "Le motif de l'export",
};

export function invalidText(field: string, problem: TextProblem, limits: TextLimits) {
  const label = FIELD_LABELS[field] ?? "Le texte";
  const message =
    problem === "empty"
      ? `${label} est vide.`
      : problem === "too_short"
        ? `${label} doit compter au moins ${limits.min} caractères.`
        : `${label} ne peut dépasser ${limits.max} caractères.`;
  return {
    kind: "invalid_text",
    message,
    field,
    reason: problem,
    min: limits.min,
    max: limits.max,
  } as const;
}

export function notOpen(petition: PetitionRecord, now: Date) {
  let message = "Cette pétition n'est pas ouverte aux signatures.";
  if (petition.state === "published" && petition.signingStartsAt && now < petition.signingStartsAt) {
    message = "La période de signature de cette pétition n'a pas commencé.";
  } else if (petition.state === "published" && petition.signingEndsAt && now >= petition.signingEndsAt) {
    message = "La période de signature de cette pétition est terminée.";
  } else if (petition.state !== "published") {
    message = `Cette pétition ne peut pas être signée : elle est ${STATE_LABELS[petition.state]}.`;
  }
  return {
    kind: "not_open",
    message,
    currentState: petition.state,
    signingStartsAt: petition.signingStartsAt,
    signingEndsAt: petition.signingEndsAt,
  } as const;
}

export const committeeSize = (count: number, min: number, max: number) =>
  ({
    kind: "committee_size",
    message:
      count < min
        ? `Le comité de soutien doit compter au moins ${min} co-auteur(s) ayant accepté (actuellement ${count}).`
        : `Le comité de soutien compte au plus ${max} co-auteurs.`,
    count,
    min,
    max,
  }) as const;

/** Thrown inside a transaction to roll it back and answer with a problem instead. */
export class Abort extends Error {
  override name = "Abort";
  readonly outcome: Outcome;
  constructor(outcome: Outcome) {
    super(outcome.kind);
    this.outcome = outcome;
  }
}
