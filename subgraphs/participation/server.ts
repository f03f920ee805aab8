// The participation subgraph (issue 20): the city's projects and their timelines, consultations with their
// meetings and documents, and the outbox through which followers are told what happens to them.
import { withOutbox } from "../../platform/outboxResolvers.ts";
import type { SubgraphModule } from "../../platform/subgraphServer.ts";
import { loadTypeDefs } from "../../platform/subgraphServer.ts";
import {
  createParticipationLoaders,
  createParticipationServices,
  type ParticipationLoaders,
  type ParticipationServices,
  stopParticipationServices,
} from "./loaders.ts";
import { permissions } from "./permissions.ts";
import { resolvers } from "./resolvers/index.ts";

export const participation: SubgraphModule<ParticipationLoaders, ParticipationServices> = withOutbox({
  name: "participation",
  typeDefs: loadTypeDefs(import.meta.url, {
    shared: ["problem", "pageInfo", "cacheControl", "accountErasure", "retentionReport"],
  }),
  resolvers,
  permissions,
  createServices: createParticipationServices,
  createLoaders: createParticipationLoaders,
  stopServices: stopParticipationServices,
});
