import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { InternalCallError } from "../../../platform/internalClient.ts";
import { resolvers } from "./index.ts";

/** A context whose internal client fails like an emitting subgraph that is down or refuses. */
function ctxWithInternal(request: () => Promise<unknown>) {
  return { internal: { request, personalDataHolders: [] }, log: { info: () => {} } } as never;
}

describe("staff dead-letter operations when the emitting subgraph cannot answer", () => {
  it("say UPSTREAM_UNAVAILABLE and name the subgraph, for the list and the replay", async () => {
    const down = ctxWithInternal(() =>
      Promise.reject(new InternalCallError("reports", ["UNAVAILABLE"], "reports unreachable")),
    );
    for (const call of [
      () => resolvers.Query.deadLetteredEvents({}, { source: "reports" }, down),
      () => resolvers.Mutation.replayDeadLetteredEvents({}, { source: "reports" }, down),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions).toMatchObject({
        code: "UPSTREAM_UNAVAILABLE",
        upstream: "reports",
      });
    }
  });

  it("still refuses a name that is not an emitting subgraph, and lets other errors through", async () => {
    const unknown = await resolvers.Query.deadLetteredEvents(
      {},
      { source: "identity" },
      ctxWithInternal(() => Promise.resolve({})),
    ).catch((e: unknown) => e);
    expect((unknown as GraphQLError).extensions?.code).toBe("BAD_USER_INPUT");
    const bug = new TypeError("bug");
    const other = await resolvers.Query.deadLetteredEvents(
      {},
      { source: "reports" },
      ctxWithInternal(() => Promise.reject(bug)),
    ).catch((e: unknown) => e);
    expect(other).toBe(bug);
  });
});
