// Reports resolvers: thin — validate input, call a domain command or the store, map the result.
import { DateTimeResolver, JSONResolver } from "graphql-scalars";
import { mutationResolvers } from "./mutations.ts";
import { queryResolvers } from "./queries.ts";
import { typeResolvers } from "./types.ts";

export const resolvers = {
  DateTime: DateTimeResolver,
  JSON: JSONResolver,
  Query: queryResolvers,
  Mutation: mutationResolvers,
  ...typeResolvers,
};
