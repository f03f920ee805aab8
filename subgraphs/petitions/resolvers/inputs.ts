// Arguments: identifiers and shapes are checked here (BAD_USER_INPUT, nothing reaches SQL); business limits
// (text lengths, counts, dates) are the domain's, answered with a typed problem.
import { z } from "zod";
import { badUserInput } from "../../../platform/errors.ts";
import { isUuid } from "../../../platform/ids.ts";
import type { DraftInput } from "../domain/draft.ts";
import type { DisplayedStatus, PetitionState, Theme } from "../domain/model.ts";
import { IDEMPOTENCY_KEY } from "../domain/signPetition.ts";
import type { PetitionListFilter } from "../ports/petitionStore.ts";

export function requireUuid(value: unknown, argument: string): string {
  if (typeof value !== "string" || !isUuid(value)) throw badUserInput("Identifiant invalide.", { argument });
  return value;
}

export const ListKeySchema = z.object({
  v: z.union([z.string().max(64), z.number().int(), z.null()]),
  id: z.uuid(),
});

const SEARCH_MAX = 200;

export interface PetitionsArgs {
  filter?: {
    states?: PetitionState[] | null;
    displayedStatuses?: DisplayedStatus[] | null;
    quartierId?: string | null;
    theme?: Theme | null;
    authorId?: string | null;
  } | null;
  search?: string | null;
}

export function parseFilter(args: PetitionsArgs): PetitionListFilter {
  const filter = args.filter ?? {};
  const search = args.search?.trim();
  if (search && search.length > SEARCH_MAX) {
    throw badUserInput(`La recherche compte au plus ${SEARCH_MAX} caractères.`, { argument: "search" });
  }
  return {
    ...(filter.states?.length ? { states: filter.states } : {}),
    ...(filter.displayedStatuses?.length ? { displayedStatuses: filter.displayedStatuses } : {}),
    ...(filter.quartierId ? { quartierId: requireUuid(filter.quartierId, "filter.quartierId") } : {}),
    ...(filter.theme ? { theme: filter.theme } : {}),
    ...(filter.authorId ? { authorId: requireUuid(filter.authorId, "filter.authorId") } : {}),
    ...(search ? { search } : {}),
  };
}

export interface PetitionInputArgs {
  title: string;
  body: string;
  theme: Theme;
  quartierId?: string | null;
  coAuthorIds?: string[] | null;
}

export function parsePetitionInput(input: PetitionInputArgs): DraftInput {
  const coAuthorIds = input.coAuthorIds ?? [];
  if (coAuthorIds.length > 100) throw badUserInput("Trop de co-auteurs.", { argument: "input.coAuthorIds" });
  return {
    title: input.title,
    body: input.body,
    theme: input.theme,
    quartierId: input.quartierId ? requireUuid(input.quartierId, "input.quartierId") : null,
    coAuthorIds: coAuthorIds.map((id) => requireUuid(id, "input.coAuthorIds")),
  };
}

export function requireIdempotencyKey(value: string): string {
  if (!IDEMPOTENCY_KEY.test(value)) {
    throw badUserInput("La clé d'idempotence compte 8 à 128 caractères : lettres, chiffres, - et _.", {
      argument: "idempotencyKey",
    });
  }
  return value;
}

/** A calendar day from the Date scalar (a Date at midnight UTC) or its text. */
export function toDay(value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw badUserInput("Date invalide.", { argument: "batch.collectedOn" });
  return date.toISOString().slice(0, 10);
}
