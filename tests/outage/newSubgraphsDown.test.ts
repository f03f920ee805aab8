// The subgraphs added with city projects, comments and open data, down in both run modes: comments (its fields on
// petitions), participation (projects) and opendata (the /open-data downloads). The rest of each answer is there;
// what is missing says which subgraph is unavailable and when to retry — never an empty or a masked answer.
// Single process: their direct execution fails; distributed: their HTTP servers are closed.
// Runs once (embedded project): what is tested is the gateway's answer, not the backends.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../../harness/platform.ts";

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field.
type Json = Record<string, any>;

const unavailable = (subgraph: string, path: (string | number)[]) => ({
  message: expect.stringContaining(subgraph),
  path,
  extensions: expect.objectContaining({ code: "UPSTREAM_UNAVAILABLE", subgraph, retryable: true }),
});

const PETITIONS_WITH_COMMENTS = /* GraphQL */ `{
  petitions(first: 2) { edges { node { id title comments(first: 2) { edges { node { id } } } } } }
}`;

const PROJECTS_AND_QUARTIERS = /* GraphQL */ `{
  quartiers(first: 1) { totalCount }
  projects(first: 1) { edges { node { id } } }
}`;

const MODES = [
  [
    "single process",
    async () => {
      const platform = await startTestPlatform({ seed: "demo", env: { SUBGRAPH_TIMEOUT_MS: "300" } });
      for (const name of ["comments", "participation", "opendata"]) {
        const server = platform.servers.get(name);
        if (!server) throw new Error(`${name} must run`);
        server.executeDirect = () => Promise.reject(new Error(`the ${name} subgraph crashed`));
      }
      return platform;
    },
  ],
  [
    "distributed",
    async () => {
      const platform = await startTestPlatform({ seed: "demo", mode: "http" });
      for (const name of ["comments", "participation", "opendata"])
        await platform.subgraphApps.get(name)?.close();
      return platform;
    },
  ],
] as const;

describe.skipIf(process.env.PARVIS_TEST_BACKEND === "services").each(MODES)(
  "comments, participation and opendata down, %s",
  (_mode, start) => {
    let platform: TestPlatform;
    beforeAll(async () => {
      platform = await start();
    });
    afterAll(() => platform?.close());

    it("answers the petitions, with each petition's comments null and marked unavailable", async () => {
      const { status, body } = await platform.graphql<Json>(PETITIONS_WITH_COMMENTS);
      expect(status).toBe(200);
      const edges = body.data?.petitions.edges as Json[];
      expect(edges.length).toBeGreaterThan(0);
      for (const edge of edges) {
        expect(edge.node.title).toEqual(expect.any(String));
        expect(edge.node.comments).toBeNull();
      }
      expect(body.errors).toEqual(
        edges.map((_edge, index) =>
          unavailable("comments", ["petitions", "edges", index, "node", "comments"]),
        ),
      );
    });

    it("answers the quartiers, with the projects null and marked unavailable", async () => {
      const { status, body } = await platform.graphql<Json>(PROJECTS_AND_QUARTIERS);
      expect(status).toBe(200);
      expect(body.data?.quartiers.totalCount).toBeGreaterThan(0);
      expect(body.data?.projects).toBeNull();
      expect(body.errors).toEqual([unavailable("participation", ["projects"])]);
    });

    it("answers an open-data download 503 with Retry-After and a typed error; the catalogue still answers", async () => {
      const base = platform.url.replace(/\/graphql$/, "");
      const download = await fetch(`${base}/open-data/datasets/parvis_petitions.csv`);
      expect(download.status).toBe(503);
      expect(download.headers.get("retry-after")).toEqual(expect.stringMatching(/^\d+$/));
      expect(((await download.json()) as Json).error).toMatchObject({ code: "UPSTREAM_UNAVAILABLE" });
      const catalog = await fetch(`${base}/open-data/catalog`);
      expect(catalog.status).toBe(200);
    });
  },
);
