// Staff resolvers: investigations, the audit trail, and the erasure convention.

import type { SubgraphContext } from "../../../platform/context.ts";
import { badUserInput } from "../../../platform/errors.ts";
import { isUuid } from "../../../platform/ids.ts";
import { DateTimeScalar, JSONScalar } from "../../../platform/scalars.ts";
import type { StaffLoaders } from "../loaders.ts";
import { auditMutations, auditQueries, auditRecordType } from "./audit.ts";
import { investigationMutations, investigationQueries, investigationType } from "./investigations.ts";

type Ctx = SubgraphContext<StaffLoaders>;

export const resolvers = {
  Query: { ...investigationQueries, ...auditQueries },
  Mutation: {
    ...investigationMutations,
    ...auditMutations,
    /**
     * Erasure convention: investigations lose their author and editor; audit records lose the account id but keep
     * the actor's token (the DPO still sees one person's operations together, and every record still verifies).
     * Nothing is deleted: audit records are kept as the platform's legal evidence (GDPR art. 17(3)(b) and (e)).
     */
    async _eraseAccountData(_: unknown, args: { accountId: string }, ctx: Ctx) {
      if (!isUuid(args.accountId))
        throw badUserInput("Identifiant de compte invalide.", { argument: "accountId" });
      const investigations = await ctx.loaders.investigations.eraseAccount(args.accountId);
      const records = await ctx.loaders.audit.eraseAccount(args.accountId);
      return { subgraph: "staff", erased: 0, pseudonymised: investigations + records };
    },
  },
  PersonalDataExport: {
    // Only the person's own export: the key is checked against the caller, never trusted.
    __resolveReference: (ref: { accountId: string }, ctx: Ctx) =>
      ctx.caller.accountId && ref.accountId === ctx.caller.accountId ? ref : null,
    staff: async (ref: { accountId: string }, _: unknown, ctx: Ctx) => {
      const [investigations, audit] = await Promise.all([
        ctx.loaders.investigations.ofAccount(ref.accountId),
        ctx.loaders.audit.ofAccount(ref.accountId),
      ]);
      return {
        investigations: investigations.map((investigation) => ({
          id: investigation.id,
          name: investigation.name,
          service: investigation.service,
          role: investigation.createdByAccountId === ref.accountId ? "author" : "editor",
          createdAt: investigation.createdAt.toISOString(),
          updatedAt: investigation.updatedAt.toISOString(),
        })),
        auditTrail: audit.map((record) => ({
          occurredAt: record.occurredAt.toISOString(),
          // "data_subject": the person's own export and erasure requests; "staff": their operations as an agent.
          actorKind: record.actorKind,
          staffService: record.staffService,
          operationName: record.operationName,
          operationType: record.operationType,
          personalFields: record.personalFields,
          personalValueCount: record.personalValueCount,
          requestId: record.requestId,
        })),
      };
    },
  },
  Investigation: investigationType,
  AuditRecord: auditRecordType,
  SaveInvestigationResult: { __resolveType: (result: { __typename: string }) => result.__typename },
  DeleteInvestigationResult: { __resolveType: (result: { __typename: string }) => result.__typename },
  InvestigationVisibility: { SERVICE: "service", ALL_STAFF: "all_staff" },
  AuditActorKind: { STAFF: "staff", PARTNER: "partner", DATA_SUBJECT: "data_subject" },
  AuditOperationType: { QUERY: "query", MUTATION: "mutation", SUBSCRIPTION: "subscription" },
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
};
