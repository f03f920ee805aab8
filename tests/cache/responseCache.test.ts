// The gateway's public response cache (RESPONSE_CACHE=true, gateway/responseCache/): anonymous queries over data
// hinted with @cacheControl are answered from the cache port until their maxAge or until a domain event changes
// one of the types they selected; nothing else ever is.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../../harness/platform.ts";
import { ANONYMOUS } from "../../platform/caller.ts";
import { type DirectPetitions, directPetitions, preparePetition, resident } from "../petitions/support.ts";

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are read field by field in these tests.
type Data = Record<string, any>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  status: number;
  cache: string | null;
  age: string | null;
  text: string;
  body: { data?: Data | null; errors?: { extensions?: { code?: string } }[] };
}

async function post(
  platform: TestPlatform,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(platform.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return {
    status: response.status,
    cache: response.headers.get("x-parvis-cache"),
    age: response.headers.get("age"),
    text,
    body: JSON.parse(text),
  };
}

const CITIZEN = { authorization: "Bearer citizen" };

/** A platform with the response cache on, where `Authorization: Bearer citizen` is a signed-in resident. */
function startCachingPlatform(
  env: Record<string, string> = {},
  seed = true,
  mode: "in-process" | "http" = "in-process",
) {
  return startTestPlatform({
    seed,
    mode,
    env: { RESPONSE_CACHE: "true", ...env },
    authenticate:
      ({ config }) =>
      async (authorization) =>
        authorization === CITIZEN.authorization ? resident(1, config.PSEUDONYM_SECRET) : ANONYMOUS,
  });
}

const QUARTIERS = /* GraphQL */ `
  query Quartiers($first: Int) {
    quartiers(first: $first) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id slug name centroid { lat lon } commune { name inseeCode } } }
    }
  }
`;

const PETITIONS = /* GraphQL */ `
  query PublicPetitions {
    petitions(first: 100) {
      totalCount
      edges { node { id title state signatureCount quartier { name } milestones { kind } } }
    }
  }
`;

const INITIATIVES = /* GraphQL */ `
  query Initiatives {
    initiatives(first: 100) { totalCount edges { node { id title startsAt location { lat lon } quartier { slug } } } }
  }
`;

describe("public response cache", () => {
  let platform: TestPlatform;
  let direct: DirectPetitions;

  beforeAll(async () => {
    platform = await startCachingPlatform();
    direct = await directPetitions(platform);
  });
  afterAll(async () => {
    await direct?.server.apollo.stop();
    await platform?.close();
  });

  it("answers a repeated anonymous query from the cache, with the same body", async () => {
    const first = await post(platform, QUARTIERS, { first: 5 });
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data?.quartiers.edges).toHaveLength(5);
    expect(first.cache).toBe("miss");
    const second = await post(platform, QUARTIERS, { first: 5 });
    expect(second.cache).toBe("hit");
    expect(Number(second.age)).toBeGreaterThanOrEqual(0);
    expect(second.body).toEqual(first.body);
    // Other variables are another entry; the same text with other whitespace is the same one.
    expect((await post(platform, QUARTIERS, { first: 3 })).cache).toBe("miss");
    const reformatted = await post(platform, QUARTIERS.replace(/\s+/g, " "), { first: 5 });
    expect(reformatted.cache).toBe("hit");
    expect(reformatted.body).toEqual(first.body);
  });

  it("never serves a signed-in citizen from the cache, nor caches what a citizen is answered", async () => {
    await post(platform, QUARTIERS, { first: 7 });
    expect((await post(platform, QUARTIERS, { first: 7 })).cache).toBe("hit");
    const citizen = await post(platform, QUARTIERS, { first: 7 }, CITIZEN);
    expect(citizen.body.errors).toBeUndefined();
    expect(citizen.cache).toBeNull();
    expect(citizen.age).toBeNull();

    // Drafts are visible to their authors only: what a citizen is answered is theirs.
    const mine = /* GraphQL */ `query Mine { petitions(first: 10, filter: { states: [DRAFT] }) { totalCount } }`;
    const signedIn = await post(platform, mine, undefined, CITIZEN);
    expect(signedIn.cache).toBeNull();
    expect((await post(platform, mine, undefined, CITIZEN)).cache).toBeNull();
  });

  it("never caches a mutation", async () => {
    const mutation = /* GraphQL */ `mutation Withdraw($id: ID!) { withdrawPetition(id: $id) { __typename } }`;
    const variables = { id: "0190a000-0000-7000-8000-000000000000" };
    for (const headers of [{}, {}, CITIZEN]) {
      expect((await post(platform, mutation, variables, headers)).cache).toBeNull();
    }
  });

  it("does not cache an operation that selects a field without hint, or a private one", async () => {
    const unhinted = /* GraphQL */ `query Rules { quartiers(first: 2) { totalCount } petitionRules { bodyMaxLength } }`;
    const organizer = /* GraphQL */ `query Organizers { initiatives(first: 5) { edges { node { title organizer { name } } } } }`;
    const privateField = /* GraphQL */ `query Mine { initiatives(first: 5) { edges { node { title viewerIsOrganizer } } } }`;
    const introspection = /* GraphQL */ `query Types { quartiers(first: 1) { totalCount } __schema { queryType { name } } }`;
    for (const query of [unhinted, organizer, privateField, introspection]) {
      const first = await post(platform, query);
      expect(first.status).toBe(200);
      expect(first.cache).toBeNull();
      expect((await post(platform, query)).cache).toBeNull();
    }
  });

  it("never caches a response with errors", async () => {
    const query = /* GraphQL */ `query One($id: ID!) { quartier(id: $id) { name } }`;
    const first = await post(platform, query, { id: "not-an-id" });
    expect(first.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(first.cache).toBe("miss");
    const second = await post(platform, query, { id: "not-an-id" });
    expect(second.cache).toBe("miss");
    expect(second.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("drops a cached petitions listing when a petition is published, and keeps unrelated entries", async () => {
    const before = await post(platform, PETITIONS);
    expect(before.body.errors).toBeUndefined();
    expect((await post(platform, PETITIONS)).cache).toBe("hit");
    await post(platform, QUARTIERS, { first: 4 });
    expect((await post(platform, QUARTIERS, { first: 4 })).cache).toBe("hit");

    // Straight to the petitions subgraph: the bump follows the commit, not the gateway.
    const id = await preparePetition(direct, platform.config.PSEUDONYM_SECRET, {
      input: { title: "Un abri pour les vélos devant la médiathèque Malraux" },
    });

    const after = await post(platform, PETITIONS);
    expect(after.cache).toBe("miss");
    expect(after.body.data?.petitions.totalCount).toBe(before.body.data?.petitions.totalCount + 1);
    expect(after.body.data?.petitions.edges.map((edge: Data) => edge.node.id)).toContain(id);
    expect((await post(platform, PETITIONS)).cache).toBe("hit");
    // Quartiers were not touched by the event.
    expect((await post(platform, QUARTIERS, { first: 4 })).cache).toBe("hit");
  });

  it("drops a cached initiatives listing when a citizen publishes one through the gateway", async () => {
    const before = await post(platform, INITIATIVES);
    expect(before.body.errors).toBeUndefined();
    expect((await post(platform, INITIATIVES)).cache).toBe("hit");

    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const created = await post(
      platform,
      /* GraphQL */ `mutation Create($input: CreateInitiativeInput!) {
        createInitiative(input: $input) { __typename ... on InitiativeSaved { initiative { id } } ... on Problem { message } }
      }`,
      {
        input: {
          title: "Fête de la rue d'Austerlitz",
          description: "Un après-midi de jeux et de musique, la rue fermée aux voitures.",
          location: { lat: 48.5771, lon: 7.7513 },
          startsAt: inDays(10),
          endsAt: inDays(10.2),
        },
      },
      CITIZEN,
    );
    expect(created.body.data?.createInitiative.__typename).toBe("InitiativeSaved");

    const after = await post(platform, INITIATIVES);
    expect(after.cache).toBe("miss");
    expect(after.body.data?.initiatives.totalCount).toBe(before.body.data?.initiatives.totalCount + 1);
    expect(after.body.data?.initiatives.edges.map((edge: Data) => edge.node.id)).toContain(
      created.body.data?.createInitiative.initiative.id,
    );
  });
});

describe("public response cache in distributed mode (subgraphs over HTTP)", () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startCachingPlatform({ RESPONSE_CACHE_MAX_AGE_SECONDS: "1" }, false, "http");
  });
  afterAll(() => platform?.close());

  it("keeps HTTP caches out, whatever the hints say, for anonymous and signed-in callers", async () => {
    const query = /* GraphQL */ `query Counts { quartiers(first: 2) { totalCount } petitions(first: 2) { totalCount } }`;
    for (const headers of [{}, {}, CITIZEN]) {
      const response = await fetch(platform.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("forgets an entry after its maxAge (capped by RESPONSE_CACHE_MAX_AGE_SECONDS)", async () => {
    const query = /* GraphQL */ `query Communes { communes(first: 10) { totalCount edges { node { name } } } }`;
    expect((await post(platform, query)).cache).toBe("miss");
    expect((await post(platform, query)).cache).toBe("hit");
    await sleep(1_300);
    expect((await post(platform, query)).cache).toBe("miss");
  });
});

describe("public response cache, switched off (the default)", () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ seed: false });
  });
  afterAll(() => platform?.close());

  it("answers every query by executing it", async () => {
    for (let i = 0; i < 2; i++) expect((await post(platform, QUARTIERS, { first: 2 })).cache).toBeNull();
  });
});
