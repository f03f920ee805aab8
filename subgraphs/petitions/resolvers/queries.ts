// Query resolvers: validate arguments, read through the store (keyset pages), answer only what the caller sees.
import { badUserInput } from "../../../platform/errors.ts";
import { parsePage, toConnection } from "../../../platform/pagination.ts";
import { isValidKey, sortValue } from "../adapters/petitionQueries.ts";
import type { PetitionSort } from "../ports/petitionStore.ts";
import { ListKeySchema, type PetitionsArgs, parseFilter, requireUuid } from "./inputs.ts";
import { auditLedger, type Ctx, petitionConnection, visiblePetition } from "./types.ts";

type PageArgs = { first?: number | null; after?: string | null };

export const queryResolvers = {
  async petitions(_: unknown, args: PetitionsArgs & PageArgs & { sort?: PetitionSort | null }, ctx: Ctx) {
    const sort = args.sort ?? "newest";
    const page = parsePage(args, ListKeySchema);
    if (page.after && !isValidKey(sort, page.after)) {
      throw badUserInput("Curseur de pagination invalide.", { argument: "after" });
    }
    const filter = parseFilter(args);
    const viewer = {
      accountId: ctx.caller.accountId,
      seesEverything: ctx.caller.kind === "staff" || ctx.caller.kind === "system",
    };
    const { rows, total } = await ctx.loaders.store.listPetitions(
      filter,
      sort,
      viewer,
      page,
      ctx.loaders.rules,
      new Date(),
    );
    for (const row of rows) ctx.loaders.petition.prime(row.id, row);
    return petitionConnection(rows, page.first, total, (row) => ({ v: sortValue(sort, row), id: row.id }));
  },

  petition: (_: unknown, args: { id: string }, ctx: Ctx) => visiblePetition(requireUuid(args.id, "id"), ctx),

  petitionRules(_: unknown, __: unknown, ctx: Ctx) {
    const rules = ctx.loaders.rules;
    return {
      meetingThreshold: rules.meetingThreshold,
      councilThreshold: rules.councilThreshold,
      signingDays: rules.signingDays,
      minCoAuthors: rules.minCoAuthors,
      maxCoAuthors: rules.maxCoAuthors,
      minVerificationLevel: rules.eligibility.minVerification.toUpperCase(),
      requiresResidence: rules.eligibility.requireResident,
      requiresParticipationPact: rules.eligibility.requirePact,
      minimumAge: rules.eligibility.minAge,
      titleMinLength: rules.text.title.min,
      titleMaxLength: rules.text.title.max,
      bodyMinLength: rules.text.body.min,
      bodyMaxLength: rules.text.body.max,
    };
  },

  async petitionModerationQueue(_: unknown, args: PageArgs, ctx: Ctx) {
    const page = parsePage(args, ListKeySchema);
    if (page.after && (typeof page.after.v !== "string" || Number.isNaN(Date.parse(page.after.v)))) {
      throw badUserInput("Curseur de pagination invalide.", { argument: "after" });
    }
    const { rows, total } = await ctx.loaders.store.moderationQueue(page);
    return petitionConnection(rows, page.first, total, (row) => ({
      v: row.submittedAt?.toISOString() ?? null,
      id: row.id,
    }));
  },

  async petitionExportAudits(_: unknown, args: PageArgs & { petitionId?: string | null }, ctx: Ctx) {
    const page = parsePage(args, ListKeySchema);
    if (page.after && (typeof page.after.v !== "string" || Number.isNaN(Date.parse(page.after.v)))) {
      throw badUserInput("Curseur de pagination invalide.", { argument: "after" });
    }
    const petitionId = args.petitionId ? requireUuid(args.petitionId, "petitionId") : null;
    const rows = await ctx.loaders.store.exportAudits(petitionId, page);
    return {
      ...toConnection(rows, page.first, (row) => ({ v: row.exportedAt.toISOString(), id: row.id })),
      ledger: auditLedger(ctx),
    };
  },
};
