// The comments subgraph: one commenting service for other subgraphs' entities (petitions, budget projects), with
// threads of bounded depth, votes, abuse reports and their moderation.
import { withOutbox } from "../../platform/outboxResolvers.ts";
import type { SubgraphModule } from "../../platform/subgraphServer.ts";
import { loadTypeDefs } from "../../platform/subgraphServer.ts";
import { type CommentLoaders, createCommentLoaders } from "./loaders.ts";
import { permissions } from "./permissions.ts";
import { resolvers } from "./resolvers/index.ts";

export const comments: SubgraphModule<CommentLoaders> = withOutbox({
  name: "comments",
  typeDefs: loadTypeDefs(import.meta.url, {
    shared: ["problem", "accountErasure", "retentionReport", "pageInfo", "cacheControl"],
  }),
  resolvers,
  permissions,
  createLoaders: (deps, caller) => createCommentLoaders(deps, caller),
});
