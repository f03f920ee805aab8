// Reports resolvers: thin — validate input, call a domain command or the store, map the result.
import { DateTimeScalar, JSONScalar } from "../../../platform/scalars.ts";
import { mutationResolvers } from "./mutations.ts";
import { openDataQueryResolvers } from "./openData.ts";
import { queryResolvers } from "./queries.ts";
import { typeResolvers } from "./types.ts";

export const resolvers = {
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
  Query: { ...queryResolvers, ...openDataQueryResolvers },
  Mutation: mutationResolvers,
  ...typeResolvers,
};
