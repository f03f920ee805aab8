// A subgraph down: the answer keeps what did not depend on it, and says on each missing field's path which
// subgraph is unavailable and when to retry (docs/operations.md, "When something is down"). Shared by the
// single-process and the distributed test; with petitions and identity down.
import { expect } from "vitest";
import type { TestPlatform } from "../../harness/platform.ts";

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field.
type Json = Record<string, any>;

const MIXED = /* GraphQL */ `{
  quartiers(first: 2) { totalCount edges { node { name participantCount } } }
  petitions(first: 2) { totalCount }
}`;

const retryable = (subgraph: string, path: (string | number)[]) => ({
  message: expect.stringContaining(subgraph),
  path,
  extensions: expect.objectContaining({
    code: "UPSTREAM_UNAVAILABLE",
    subgraph,
    retryable: true,
    retryAfterSeconds: 5,
  }),
});

export async function expectPartialAnswer(platform: TestPlatform): Promise<void> {
  const { status, body } = await platform.graphql<Json>(MIXED);
  expect(status).toBe(200);
  expect(body.data?.quartiers.totalCount).toBeGreaterThan(0);
  const [first, second] = body.data?.quartiers.edges ?? [];
  expect(first.node).toEqual({ name: expect.any(String), participantCount: null });
  expect(body.data?.petitions).toBeNull();
  expect(body.errors).toEqual(
    expect.arrayContaining([
      retryable("petitions", ["petitions"]),
      retryable("identity", ["quartiers", "edges", 0, "node", "participantCount"]),
      retryable("identity", ["quartiers", "edges", 1, "node", "participantCount"]),
    ]),
  );
  expect(second.node.participantCount).toBeNull();
  expect(body.errors).toHaveLength(3);
}

export async function expectUnavailableAnswer(platform: TestPlatform): Promise<void> {
  const { status, headers, body } = await platform.graphql<Json>("{ petitions(first: 1) { totalCount } }");
  expect(status).toBe(503);
  expect(headers.get("retry-after")).toBe("5");
  expect(body.data).toEqual({ petitions: null });
  expect(body.errors).toEqual([retryable("petitions", ["petitions"])]);
}
