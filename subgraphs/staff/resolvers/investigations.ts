// Saved investigations: thin resolvers — validate input, apply the domain rules, call the store, map the result.
import { z } from "zod";
import type { SubgraphContext } from "../../../platform/context.ts";
import { badUserInput } from "../../../platform/errors.ts";
import { isUuid, newId } from "../../../platform/ids.ts";
import { parsePage, toConnection } from "../../../platform/pagination.ts";
import {
  canEdit,
  canSee,
  checkDraft,
  type InvestigationRecord,
  type Visibility,
} from "../domain/investigation.ts";
import { operationNameOf } from "../domain/operationDocument.ts";
import type { StaffLoaders } from "../loaders.ts";

type Ctx = SubgraphContext<StaffLoaders>;

const CursorKey = z.tuple([z.string().max(200), z.uuid()]);
const FilterSchema = z
  .object({
    search: z.string().trim().max(200, "`search` : 200 caractères au plus.").nullish(),
    service: z.string().trim().max(40, "`service` : 40 caractères au plus.").nullish(),
  })
  .nullish();

const NOT_FOUND = {
  __typename: "InvestigationNotFound",
  message: "Enquête introuvable, ou modifiable seulement par le service qui l'a enregistrée.",
};

function requireId(value: string, argument: string): string {
  if (!isUuid(value)) throw badUserInput("Identifiant d'enquête invalide.", { argument });
  return value;
}

/** The investigation if the caller may see it, else null (existence is not disclosed). */
async function visible(ctx: Ctx, id: string): Promise<InvestigationRecord | null> {
  const investigation = await ctx.loaders.investigation.load(id);
  return investigation && canSee(ctx.caller, investigation) ? investigation : null;
}

interface SaveInput {
  id?: string | null;
  name: string;
  description?: string | null;
  operation: string;
  variables?: unknown;
  visibility?: Visibility | null;
}

export const investigationQueries = {
  async investigations(_: unknown, args: { filter?: unknown; first?: number; after?: string }, ctx: Ctx) {
    const page = parsePage(args, CursorKey);
    const filter = FilterSchema.safeParse(args.filter);
    if (!filter.success) throw badUserInput(filter.error.issues[0]?.message ?? "Filtre invalide.");
    const rows = await ctx.loaders.investigations.list(
      { service: ctx.caller.staffService, everything: ctx.caller.roles.includes("admin") },
      filter.data ?? {},
      page.first + 1,
      page.after,
    );
    return toConnection(rows, page.first, (row) => [row.name, row.id]);
  },
  investigation: (_: unknown, args: { id: string }, ctx: Ctx) => visible(ctx, requireId(args.id, "id")),
};

export const investigationMutations = {
  async saveInvestigation(_: unknown, { input }: { input: SaveInput }, ctx: Ctx) {
    const checked = checkDraft(input);
    if (!checked.ok)
      return { __typename: "InvalidInvestigation", message: checked.message, field: checked.field };
    if (input.id) {
      const current = await visible(ctx, requireId(input.id, "input.id"));
      if (!current || !canEdit(ctx.caller, current)) return NOT_FOUND;
      const updated = await ctx.loaders.investigations.update(
        current.id,
        checked.draft,
        ctx.caller.accountId,
      );
      if (updated === "name_taken") return nameTaken();
      return updated ? { __typename: "InvestigationSaved", investigation: updated } : NOT_FOUND;
    }
    const service = ctx.caller.staffService;
    if (!service) {
      return {
        __typename: "NoStaffService",
        message: "Votre compte n'est rattaché à aucun service : impossible d'enregistrer une enquête.",
      };
    }
    const created = await ctx.loaders.investigations.create({
      id: newId(),
      service,
      createdByAccountId: ctx.caller.accountId,
      ...checked.draft,
    });
    if (created === "name_taken") return nameTaken();
    return { __typename: "InvestigationSaved", investigation: created };
  },

  async deleteInvestigation(_: unknown, args: { id: string }, ctx: Ctx) {
    const current = await visible(ctx, requireId(args.id, "id"));
    if (!current || !canEdit(ctx.caller, current)) return NOT_FOUND;
    await ctx.loaders.investigations.delete(current.id);
    return { __typename: "InvestigationDeleted", id: current.id };
  },
};

function nameTaken() {
  return {
    __typename: "InvestigationNameTaken",
    message: "Votre service a déjà une enquête de ce nom : choisissez-en un autre.",
  };
}

export const investigationType = {
  operationName: (investigation: InvestigationRecord) => operationNameOf(investigation.operation),
  visibility: (investigation: InvestigationRecord) => investigation.visibility,
  shipped: (investigation: InvestigationRecord) => investigation.seedKey !== null,
  editable: (investigation: InvestigationRecord, _: unknown, ctx: Ctx) => canEdit(ctx.caller, investigation),
  createdBy: (investigation: InvestigationRecord) =>
    investigation.createdByAccountId ? { id: investigation.createdByAccountId } : null,
};
