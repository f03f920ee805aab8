// A subgraph reached without the gateway leaks nothing: unsigned, mis-signed, expired and replayed caller
// headers are refused — including for _service and _entities — over HTTP and in-process alike.
import { HeaderMap } from "@apollo/server";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSubgraphServers } from "../../app/platform.ts";
import { startTestPlatform, type TestPlatform } from "../../harness/platform.ts";
import { callSubgraph } from "../../harness/subgraphCall.ts";
import {
  ANONYMOUS,
  CALLER_HEADER,
  graphqlRequestBody,
  IN_PROCESS_METHOD,
  IN_PROCESS_PATH,
  type SignedRequest,
  signCaller,
} from "../../platform/caller.ts";
import { createSubgraphApp } from "../../platform/subgraphApp.ts";
import type { SubgraphServer } from "../../platform/subgraphServer.ts";

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
  const httpBody = JSON.stringify({ query: SDL_QUERY });
  const overHttp: SignedRequest = { audience: "directory", method: "POST", path: "/graphql", body: httpBody };
  const entitiesRequest = { query: ENTITIES_QUERY, variables: { r: [{ __typename: "Quartier", id: "x" }] } };
  const inProcess: SignedRequest = {
    audience: "directory",
    method: IN_PROCESS_METHOD,
    path: IN_PROCESS_PATH,
    body: graphqlRequestBody(entitiesRequest),
  };
  const signedNow = (request = overHttp) => signCaller(ANONYMOUS, secret(), request);

  const cases: [string, (request: SignedRequest) => string | null][] = [
    ["no header", () => null],
    ["garbage", () => "hello"],
    ["the former v1 format", () => `v1.${Date.now()}.abc.${Buffer.from("{}").toString("base64url")}.sig`],
    ["another key", (request) => signCaller(ANONYMOUS, "x".repeat(40), request)],
    [
      "a tampered caller",
      (request) =>
        signedNow(request).replace(
          /caller=[^;]+/,
          `caller=${Buffer.from(JSON.stringify({ ...ANONYMOUS, kind: "staff", roles: ["admin"] })).toString("base64url")}`,
        ),
    ],
    ["another audience", (request) => signedNow({ ...request, audience: "petitions" })],
    [
      "a tampered audience",
      (request) => signedNow({ ...request, audience: "petitions" }).replace("aud=petitions", "aud=directory"),
    ],
    [
      "another body",
      (request) => signedNow({ ...request, body: graphqlRequestBody({ query: "{ __typename }" }) }),
    ],
    ["another path", (request) => signedNow({ ...request, path: "/graphql?x=1" })],
    ["another method", (request) => signedNow({ ...request, method: "GET" })],
    ["an expired signature", (request) => signCaller(ANONYMOUS, secret(), request, Date.now() - 10 * 60_000)],
    [
      "a signature from the future",
      (request) => signCaller(ANONYMOUS, secret(), request, Date.now() + 10 * 60_000),
    ],
  ];

  it.each(cases)("refuses _service with %s over HTTP (401, UNAUTHENTICATED)", async (_label, header) => {
    const value = header(overHttp);
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
    const { status, body } = await callSubgraph(directory, ENTITIES_QUERY, entitiesRequest.variables, {
      secret: secret(),
      header: header(inProcess),
    });
    expect(status).toBe(401);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a replayed header, even a valid one", async () => {
    const header = signedNow({
      ...overHttp,
      method: IN_PROCESS_METHOD,
      path: IN_PROCESS_PATH,
      body: graphqlRequestBody({ query: SDL_QUERY }),
    });
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
      body: httpBody,
    });
    expect(response.status).toBe(200);
  });
});
