// Petitions resolvers: scalars, enums, queries, mutations and type fields (each in its own module).
import { DateScalar, DateTimeScalar, JSONScalar } from "../../../platform/scalars.ts";
import { enumResolvers } from "./enums.ts";
import { mutationResolvers } from "./mutations.ts";
import { queryResolvers } from "./queries.ts";
import { type Ctx, typeResolvers } from "./types.ts";

export const resolvers = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  JSON: JSONScalar,
  ...enumResolvers,
  Query: queryResolvers,
  Mutation: mutationResolvers,
  ...typeResolvers,
  PersonalDataExport: {
    // Only the person's own export: the key is checked against the caller, never trusted.
    __resolveReference: (ref: { accountId: string }, ctx: Ctx) =>
      ctx.caller.accountId && ref.accountId === ctx.caller.accountId ? ref : null,
    petitions: (ref: { accountId: string }, _: unknown, ctx: Ctx) =>
      ctx.loaders.store.exportAccount(ref.accountId),
  },
};
