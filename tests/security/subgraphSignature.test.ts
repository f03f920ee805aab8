// A subgraph reached without the gateway leaks nothing: unsigned, mis-signed, expired and replayed caller
// headers are refused — including for _service and _entities — over HTTP and in-process alike.
import { HeaderMap } from "@apollo/server";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSubgraphServers } from "../../subgraphs/kit/bootstrap.ts";
import { ANONYMOUS, CALLER_HEADER, signCaller } from "../../subgraphs/kit/caller.ts";
import { createSubgraphApp } from "../../subgraphs/kit/subgraphApp.ts";
import type { SubgraphServer } from "../../subgraphs/kit/subgraphServer.ts";
import { startTestPlatform, type TestPlatform } from "../support/platform.ts";
import { callSubgraph } from "../support/subgraphCall.ts";

const SDL_QUERY = "{ _service { sdl } }";
const ENTITIES_QUERY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Quartier { id name } } }`;

describe("subgraphs refuse requests the gateway did not sign", () => {
  let platform: TestPlatform;
  let directory: SubgraphServer;
  let app: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    platform = await startTestPlatform();
    const servers = await createSubgraphServers(platform);
    directory = servers.get("directory") as SubgraphServer;
    app = await createSubgraphApp(directory, platform);
    url = `${await app.listen({ host: "127.0.0.1", port: 0 })}/graphql`;
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
  });

  const secret = () => platform.config.CALLER_SIGNING_SECRET;
  const signedNow = () => signCaller(ANONYMOUS, secret());

  const cases: [string, () => string | null][] = [
    ["no header", () => null],
    ["garbage", () => "hello"],
    ["another key", () => signCaller(ANONYMOUS, "x".repeat(40))],
    [
      "a tampered caller",
      () => {
        const parts = signedNow().split(".");
        parts[3] = Buffer.from(JSON.stringify({ ...ANONYMOUS, kind: "staff", roles: ["admin"] })).toString(
          "base64url",
        );
        return parts.join(".");
      },
    ],
    ["an expired signature", () => signCaller(ANONYMOUS, secret(), Date.now() - 10 * 60_000)],
    ["a signature from the future", () => signCaller(ANONYMOUS, secret(), Date.now() + 10 * 60_000)],
  ];

  it.each(cases)("refuses _service with %s over HTTP (401, UNAUTHENTICATED)", async (_label, header) => {
    const value = header();
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(value === null ? {} : { [CALLER_HEADER]: value }) },
      body: JSON.stringify({ query: SDL_QUERY }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe("UNAUTHENTICATED");
    expect(JSON.stringify(body)).not.toContain("Quartier");
  });

  it.each(cases)("refuses _entities with %s in-process", async (_label, header) => {
    const { status, body } = await callSubgraph(
      directory,
      ENTITIES_QUERY,
      { r: [{ __typename: "Quartier", id: "x" }] },
      {
        secret: secret(),
        header: header(),
      },
    );
    expect(status).toBe(401);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a replayed header, even a valid one", async () => {
    const header = signedNow();
    const send = () => {
      const headers = new HeaderMap();
      headers.set(CALLER_HEADER, header);
      return directory.executeInProcess({ query: SDL_QUERY }, headers);
    };
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(401);
  });

  it("answers a correctly signed request", async () => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", [CALLER_HEADER]: signedNow() },
      body: JSON.stringify({ query: SDL_QUERY }),
    });
    expect(response.status).toBe(200);
  });
});
