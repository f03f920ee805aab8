// Hostile input: generated malformed documents, deep nesting, alias and fragment bombs, huge or wrongly typed
// variables, invalid JSON, wrong content types, batches, and federation internals from outside. Each gets a
// 4xx or a typed error; the process stays up; memory stays bounded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../../harness/platform.ts";

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALID = [
  "{ quartiers(first: 3) { totalCount edges { cursor node { id name commune { name } } } pageInfo { endCursor } } }",
  "query Q($id: ID!) { quartier(id: $id) { name centroid { lat lon } } }",
  "mutation { chooseHomeQuartier(quartierId: null) { __typename ... on Problem { message } } }",
];
const PIECES = [
  "{",
  "}",
  "(",
  ")",
  "...",
  "@include",
  "$",
  ":",
  '"',
  "\\u0000",
  "fragment",
  "on",
  "#",
  "\n",
  "ÿ",
  "𝔊",
  "1e999",
];

function mutate(source: string, next: () => number): string {
  let text = source;
  const edits = 1 + Math.floor(next() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * text.length);
    const choice = next();
    if (choice < 0.33) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 5));
    else if (choice < 0.66)
      text = text.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + text.slice(at);
    else text = text.slice(0, at) + text.slice(at).split("").reverse().join("");
  }
  return text;
}

describe("hostile input", () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform?.close());

  const send = (body: string, contentType = "application/json") =>
    fetch(platform.url, { method: "POST", headers: { "content-type": contentType }, body });

  const expectHandled = async (response: Response) => {
    expect(response.status).toBeLessThan(500);
    const json = (await response.json()) as { errors?: { extensions?: { code?: string } }[]; data?: unknown };
    if (response.status >= 400) expect(json.errors?.[0]?.extensions?.code).toBeTruthy();
    else if (json.errors)
      for (const error of json.errors) expect(error.extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
  };

  it("answers 300 generated malformed documents with a 4xx or a typed error", async () => {
    const next = random(20261128);
    for (let i = 0; i < 300; i++) {
      const query = mutate(VALID[i % VALID.length] as string, next);
      await expectHandled(await send(JSON.stringify({ query, variables: { id: "x" } })));
    }
  });

  it("refuses deep nesting without overflowing the stack", async () => {
    const deep = `${"{ quartiers { edges { node { commune ".repeat(500)}${"} } } }".repeat(500)}`;
    await expectHandled(await send(JSON.stringify({ query: deep })));
    const brackets = `query { a${"(x: [".repeat(3000)}${"])".repeat(3000)} }`;
    await expectHandled(await send(JSON.stringify({ query: brackets })));
  });

  it("refuses an alias bomb", async () => {
    const query = `{ ${Array.from({ length: 2000 }, (_, i) => `a${i}: quartiers(first: 100) { totalCount }`).join(" ")} }`;
    const response = await send(JSON.stringify({ query }));
    expect(response.status).toBe(400);
  });

  it("refuses a fragment bomb and fragment cycles", async () => {
    const fragments = Array.from(
      { length: 30 },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    ).join(" ");
    const bomb = `query { ...F0 } ${fragments} fragment F30 on Query { quartiers(first: 100) { totalCount } }`;
    expect((await send(JSON.stringify({ query: bomb }))).status).toBe(400);
    const cycle = "query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }";
    expect((await send(JSON.stringify({ query: cycle }))).status).toBe(400);
  });

  it("refuses huge and wrongly typed variables", async () => {
    const wrong = JSON.stringify({
      query: "query($f: Int) { quartiers(first: $f) { totalCount } }",
      variables: { f: { a: 1 } },
    });
    expect((await send(wrong)).status).toBe(400);
    const huge = JSON.stringify({
      query: "query($id: ID!) { quartier(id: $id) { name } }",
      variables: { id: "9".repeat(5_000_000) },
    });
    expect((await send(huge)).status).toBe(413);
    // Built as text: JSON.stringify itself would overflow on such nesting.
    const nested = `{"query":"{ __typename }","variables":{"a":${"[".repeat(5000)}${"]".repeat(5000)}}}`;
    await expectHandled(await send(nested));
  });

  it.each([
    ["invalid JSON", "{", "application/json"],
    ["a JSON string", '"{ __typename }"', "application/json"],
    [
      "a batch",
      JSON.stringify([{ query: "{ __typename }" }, { query: "{ __typename }" }]),
      "application/json",
    ],
    ["form data", "query=%7B__typename%7D", "application/x-www-form-urlencoded"],
    ["XML", "<query/>", "application/xml"],
    ["no body", "", "application/json"],
  ])("refuses %s with a 4xx", async (_label, body, contentType) => {
    const response = await send(body, contentType);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it.each([
    "{ _service { sdl } }",
    '{ _entities(representations: [{ __typename: "Account", id: "x" }]) { __typename } }',
    'mutation { _eraseAccountData(accountId: "x") { erased } }',
  ])("does not expose federation internals: %s", async (query) => {
    const response = await send(JSON.stringify({ query }));
    expect(response.status).toBe(400);
    const json = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(json.errors[0]?.extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("stays up with bounded memory after all of it", async () => {
    const before = process.memoryUsage().heapUsed;
    const next = random(7);
    for (let i = 0; i < 200; i++) await send(JSON.stringify({ query: mutate(VALID[0] as string, next) }));
    const grown = process.memoryUsage().heapUsed - before;
    expect(grown).toBeLessThan(200 * 1024 * 1024);
    const { status, body } = await platform.graphql("{ quartiers(first: 1) { totalCount } }");
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });
});
