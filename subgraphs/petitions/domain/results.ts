// Expected business outcomes. A command returns its success or one problem, each tagged with the name of the
// GraphQL type it becomes (the resolver only adds `__typename`). Messages are French; nothing was changed when a
// problem is returned.
import type { IneligibilityReason } from "./eligibility.ts";
import { explainIneligibility } from "./eligibility.ts";
import type { PetitionRecord, PetitionState } from "./model.ts";
import type { TextLimits } from "./rules.ts";
import type { TextProblem } from "./text.ts";

export interface Outcome<Type extends string = string> {
  type: Type;
  [field: string]: unknown;
}

export const notFound = () =>
  ({ type: "PetitionNotFound", message: "Cette pétition n'existe pas ou ne vous est pas visible." }) as const;

export const notAuthor = () =>
  ({ type: "NotPetitionAuthor", message: "Seul l'auteur de la pétition peut faire cela." }) as const;

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
    type: "PetitionStateConflict",
    message: `Impossible de ${action} : la pétition est ${STATE_LABELS[state]}.`,
    currentState: state,
  }) as const;

export const notEligible = (reasons: IneligibilityReason[]) =>
  ({ type: "PetitionNotEligible", message: explainIneligibility(reasons), reasons }) as const;

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
    type: "InvalidPetitionText",
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
    type: "PetitionNotOpen",
    message,
    currentState: petition.state,
    signingStartsAt: petition.signingStartsAt,
    signingEndsAt: petition.signingEndsAt,
  } as const;
}

export const committeeSize = (count: number, min: number, max: number) =>
  ({
    type: "CommitteeSizeProblem",
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
    super(String(outcome.type));
    this.outcome = outcome;
  }
}
