// The audit trail: the internal write (_recordAudit: the gateway's records of staff and partner operations, identity's
// records of a person's export and erasure requests) and the DPO's reads (auditTrail, auditLedger).
import { z } from "zod";
import type { SubgraphContext } from "../../../platform/context.ts";
import { badUserInput } from "../../../platform/errors.ts";
import { isUuid } from "../../../platform/ids.ts";
import { ledgerView } from "../../../platform/ledger/index.ts";
import { parsePage, toConnection } from "../../../platform/pagination.ts";
import { LEDGER_SCHEMA } from "../adapters/prismaAuditStore.ts";
import {
  AUDIT_LOG_ID,
  actorIdOf,
  actorTokenOf,
  auditDigest,
  auditLedgerEntry,
  isIntact,
  type StoredAuditRecord,
} from "../domain/auditRecord.ts";
import type { StaffLoaders } from "../loaders.ts";

type Ctx = SubgraphContext<StaffLoaders>;

const HEX_64 = /^[0-9a-f]{64}$/;
/** One write carries a batch of the gateway's queue; the ledger appends them in one transaction. */
export const MAX_RECORDS_PER_WRITE = 100;
/** A schema coordinate, Type.field. */
export const COORDINATE = /^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/;

const RecordInput = z
  .object({
    id: z.uuid(),
    occurredAt: z.date(),
    actorKind: z.enum(["staff", "partner", "data_subject"]),
    actorAccountId: z.uuid().nullish(),
    actorClientId: z.string().min(1).max(200).nullish(),
    staffService: z.string().max(40).nullish(),
    operationName: z.string().max(200).nullish(),
    operationType: z.enum(["query", "mutation", "subscription"]),
    documentHash: z.string().regex(HEX_64),
    variablesHash: z.string().regex(HEX_64),
    personalFields: z.array(z.string().regex(COORDINATE)).max(500),
    personalValueCount: z.number().int().min(0),
    requestId: z.string().min(1).max(200),
  })
  .refine((record) => (record.actorKind === "partner" ? !!record.actorClientId : !!record.actorAccountId), {
    message: "A partner record names a client; a staff or data-subject record an account.",
  });

const CursorKey = z.tuple([z.iso.datetime(), z.uuid()]);
const FilterSchema = z
  .object({
    actorId: z
      .string()
      .refine((value) => isUuid(value), "`actorId` : identifiant de compte invalide.")
      .nullish(),
    partnerClientId: z.string().max(200).nullish(),
    actorKind: z.enum(["staff", "partner", "data_subject"]).nullish(),
    operationName: z.string().max(200).nullish(),
    personalField: z.string().regex(COORDINATE, "`personalField` : attendu Type.champ.").nullish(),
    since: z.date().nullish(),
    until: z.date().nullish(),
  })
  .nullish();

export const auditQueries = {
  async auditTrail(_: unknown, args: { filter?: unknown; first?: number; after?: string }, ctx: Ctx) {
    const page = parsePage(args, CursorKey);
    const parsed = FilterSchema.safeParse(args.filter);
    if (!parsed.success) throw badUserInput(parsed.error.issues[0]?.message ?? "Filtre invalide.");
    const filter = parsed.data ?? {};
    const rows = await ctx.loaders.audit.list(
      {
        actorAccountId: filter.actorId ?? null,
        actorClientId: filter.partnerClientId ?? null,
        actorKind: filter.actorKind ?? null,
        operationName: filter.operationName ?? null,
        personalField: filter.personalField ?? null,
        since: filter.since ?? null,
        until: filter.until ?? null,
      },
      page.first + 1,
      page.after,
    );
    return toConnection(rows, page.first, (row) => [row.occurredAt.toISOString(), row.id]);
  },
  auditLedger: (_: unknown, __: unknown, ctx: Ctx) =>
    ledgerView(ctx.db.prisma, LEDGER_SCHEMA, AUDIT_LOG_ID, ctx.loaders.signer),
};

export const auditMutations = {
  async _recordAudit(_: unknown, args: { records: unknown[] }, ctx: Ctx) {
    if (args.records.length > MAX_RECORDS_PER_WRITE) {
      throw badUserInput(`${MAX_RECORDS_PER_WRITE} traces au plus par écriture.`, { argument: "records" });
    }
    const batch = args.records.map((raw) => {
      const parsed = RecordInput.safeParse(raw);
      if (!parsed.success) throw badUserInput("Trace d'audit invalide.", { argument: "records" });
      const input = parsed.data;
      const actorId = actorIdOf({
        actorKind: input.actorKind,
        actorAccountId: input.actorAccountId ?? null,
        actorClientId: input.actorClientId ?? null,
      }) as string;
      const facts = {
        id: input.id,
        occurredAt: input.occurredAt,
        actorKind: input.actorKind,
        actorToken: actorTokenOf(ctx.config.LEDGER_TOKEN_SECRET, input.actorKind, actorId),
        actorClientId: input.actorKind === "partner" ? (input.actorClientId ?? null) : null,
        staffService: input.staffService ?? null,
        operationName: input.operationName ?? null,
        operationType: input.operationType,
        documentHash: input.documentHash,
        variablesHash: input.variablesHash,
        personalFields: [...new Set(input.personalFields)].sort(),
        personalValueCount: input.personalValueCount,
        requestId: input.requestId,
      };
      const digest = auditDigest(facts);
      const actorAccountId = input.actorKind === "partner" ? null : (input.actorAccountId ?? null);
      return { record: { ...facts, actorAccountId, digest }, entry: auditLedgerEntry(facts, digest) };
    });
    const stored = await ctx.loaders.audit.append(batch);
    return stored.map((receipt) => ({ id: receipt.id, ledgerIndex: receipt.ledgerSeq }));
  },
};

export const auditRecordType = {
  actorKind: (record: StoredAuditRecord) => record.actorKind,
  actor: (record: StoredAuditRecord) => (record.actorAccountId ? { id: record.actorAccountId } : null),
  partnerClientId: (record: StoredAuditRecord) => record.actorClientId,
  operationType: (record: StoredAuditRecord) => record.operationType,
  ledgerIndex: (record: StoredAuditRecord) => record.ledgerSeq,
  intact: async (record: StoredAuditRecord, _: unknown, ctx: Ctx) =>
    isIntact(record, await ctx.loaders.auditEntry.load(record.ledgerSeq), ctx.config.LEDGER_TOKEN_SECRET),
};
