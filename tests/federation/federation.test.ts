// The federation skeleton end to end: a query across subgraphs through the gateway, entity batching, and the
// federation contract of every subgraph (`_service`, `_entities` for every @key type).
import { parse, visit } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSubgraphServers } from "../../app/platform.ts";
import { startTestPlatform, type TestPlatform } from "../../harness/platform.ts";
import { callSubgraph } from "../../harness/subgraphCall.ts";
import type { SubgraphServer } from "../../platform/subgraphServer.ts";
import { loadSubgraphModules } from "../../subgraphs/registry.ts";

const SUBGRAPHS = await loadSubgraphModules();

const QUARTIERS_WITH_COUNTS = /* GraphQL */ `
  query QuartiersWithCounts($first: Int) {
    quartiers(first: $first) {
      totalCount
      edges { node { id name commune { name inseeCode } participantCount } }
    }
  }
`;

describe.each(["in-process", "http"] as const)("federation through the gateway (%s subgraphs)", (mode) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ mode });
  });
  afterAll(() => platform?.close());

  it("answers a query whose fields come from two subgraphs", async () => {
    const { status, body } = await platform.graphql(QUARTIERS_WITH_COUNTS, { first: 5 });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const quartiers = (
      body.data as { quartiers: { totalCount: number; edges: { node: Record<string, unknown> }[] } }
    ).quartiers;
    expect(quartiers.totalCount).toBeGreaterThanOrEqual(10);
    expect(quartiers.edges).toHaveLength(5);
    for (const { node } of quartiers.edges) {
      expect(node).toMatchObject({ commune: { name: expect.any(String) }, participantCount: 0 });
    }
  });

  it("resolves entities in one SQL statement per entity type, whatever the list size", async () => {
    const statementsFor = async (first: number) => {
      const before = platform.db.statementCount();
      const { body } = await platform.graphql(QUARTIERS_WITH_COUNTS, { first });
      expect(body.errors).toBeUndefined();
      return platform.db.statementCount() - before;
    };
    const one = await statementsFor(1);
    const many = await statementsFor(11);
    // directory: page + count + communes (one batch); identity: participant counts (one batch).
    expect(one).toBe(4);
    expect(many).toBe(one);
  });

  it("paginates with opaque cursors and refuses a forged one", async () => {
    const page = /* GraphQL */ `query($after: String) { quartiers(first: 4, after: $after) {
      edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`;
    type Page = {
      quartiers: {
        edges: { node: { name: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const names: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const { body }: { body: { data?: Page | null } } = await platform.graphql<Page>(page, { after });
      names.push(...(body.data?.quartiers.edges.map((edge) => edge.node.name) ?? []));
      if (!body.data?.quartiers.pageInfo.hasNextPage) break;
      after = body.data.quartiers.pageInfo.endCursor;
    }
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : 1)));
    expect(new Set(names).size).toBe(names.length);
    const forged = await platform.graphql(page, { after: "not-a-cursor" });
    expect(forged.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("federation contract of every subgraph", () => {
  let platform: TestPlatform;
  let servers: Map<string, SubgraphServer>;
  beforeAll(async () => {
    platform = await startTestPlatform();
    servers = await createSubgraphServers({
      config: platform.config,
      log: platform.log,
      db: platform.db,
      cache: platform.cache,
    });
  });
  afterAll(() => platform?.close());

  const secret = () => platform.config.CALLER_SIGNING_SECRET;

  it.each(SUBGRAPHS.map((module) => module.name))("%s answers _service { sdl }", async (name) => {
    const server = servers.get(name) as SubgraphServer;
    const { body } = await callSubgraph(server, "{ _service { sdl } }", undefined, { secret: secret() });
    expect(body.errors).toBeUndefined();
    expect((body.data as { _service: { sdl: string } })._service.sdl).toContain("@key");
  });

  const keyedTypes = SUBGRAPHS.flatMap((module) => {
    const types: { subgraph: string; type: string }[] = [];
    visit(module.typeDefs, {
      ObjectTypeDefinition(node) {
        const key = node.directives?.find((directive) => directive.name.value === "key");
        const resolvable = key?.arguments?.find((argument) => argument.name.value === "resolvable");
        if (key && !(resolvable && resolvable.value.kind === "BooleanValue" && !resolvable.value.value)) {
          types.push({ subgraph: module.name, type: node.name.value });
        }
      },
    });
    return types;
  });

  it("finds the entities to check", () => {
    expect(keyedTypes.map(({ subgraph, type }) => `${subgraph}.${type}`)).toEqual(
      expect.arrayContaining([
        "identity.Account",
        "identity.Quartier",
        "directory.Quartier",
        "directory.Commune",
      ]),
    );
  });

  it.each(keyedTypes)("$subgraph resolves $type through _entities", async ({ subgraph, type }) => {
    const server = servers.get(subgraph) as SubgraphServer;
    const unknownId = "01900000-0000-7000-8000-000000000000";
    const { body } = await callSubgraph(
      server,
      `query($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }`,
      { representations: [{ __typename: type, id: unknownId }] },
      { secret: secret() },
    );
    expect(body.errors).toBeUndefined();
    expect((body.data as { _entities: unknown[] })._entities).toHaveLength(1);
  });

  it("keeps the composed supergraph free of unknown types", () => {
    expect(() => parse("{ __typename }")).not.toThrow();
  });
});
