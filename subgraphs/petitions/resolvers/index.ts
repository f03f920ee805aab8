// Petitions resolvers: scalars, enums, queries, mutations and type fields (each in its own module).
import { DateResolver, DateTimeResolver } from "graphql-scalars";
import { enumResolvers } from "./enums.ts";
import { mutationResolvers } from "./mutations.ts";
import { queryResolvers } from "./queries.ts";
import { typeResolvers } from "./types.ts";

export const resolvers = {
  DateTime: DateTimeResolver,
  Date: DateResolver,
  ...enumResolvers,
  Query: queryResolvers,
  Mutation: mutationResolvers,
  ...typeResolvers,
};
