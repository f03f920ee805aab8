// Redis killed under mixed load: what must keep working (docs/operations.md, "When something is down"). Shared by
// the single-process and the distributed test (one platform per file). The platform's cache is a private
// redis-server that the scenario kills; nothing here touches the shared Redis.
import { expect } from "vitest";
import type { TestPlatform } from "../../harness/platform.ts";
import type { SignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import {
  directPetitions,
  key,
  petitionInput,
  preparePetition,
  resident,
  SIGN,
} from "../petitions/support.ts";
import type { PrivateRedis } from "../support/privateRedis.ts";

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field.
type Json = Record<string, any>;

const QUARTIERS = "{ quartiers(first: 3) { totalCount edges { node { id name } } } }";
const ME = "{ me { id roles } }";
const MAP = /* GraphQL */ `
  query Map($bbox: BoundingBox!) {
    mapFeatures(bbox: $bbox, layers: [PLACES, QUARTIERS, REPORTS, BUDGET_PROJECTS]) {
      layers { layer count }
    }
  }
`;
const CREATE = /* GraphQL */ `
  mutation Create($input: PetitionInput!) {
    createPetition(input: $input) { __typename ... on PetitionCreated { petition { id quartier { id } } } }
  }
`;
const STRASBOURG = { west: 7.68, south: 48.52, east: 7.84, north: 48.63 };

export interface RedisOutageFixture {
  petitionId: string;
  quartierId: string;
  token: string;
}

/** Prepares what the load needs while Redis is up (a published petition, a token, a quartier). */
export async function prepareRedisOutage(platform: SignedInPlatform): Promise<RedisOutageFixture> {
  const secret = platform.config.PSEUDONYM_SECRET;
  const direct = await directPetitions(platform as TestPlatform);
  const petitionId = await preparePetition(direct, secret, { author: resident(1, secret) });
  await direct.server.stop();
  const token = await platform.token("resident");
  const quartiers = await platform.graphql<Json>(QUARTIERS);
  const quartierId = quartiers.body.data?.quartiers.edges[0].node.id as string;
  expect(quartierId).toEqual(expect.any(String));
  return { petitionId, quartierId, token };
}

/** Every request of the mix answers without error while the cache is dead. */
export async function mixedLoadWithoutRedis(
  platform: SignedInPlatform,
  redis: PrivateRedis,
  fixture: RedisOutageFixture,
): Promise<void> {
  await redis.kill();
  const { token } = fixture;
  const rounds = Array.from({ length: 3 }, (_, i) => [
    platform.graphql<Json>(QUARTIERS).then((answer) => ["quartiers", answer] as const),
    platform.graphql<Json>(ME, undefined, { token }).then((answer) => ["me", answer] as const),
    platform.graphql<Json>(MAP, { bbox: STRASBOURG }).then((answer) => ["map", answer] as const),
    platform
      .graphql<Json>(
        CREATE,
        {
          input: petitionInput({
            title: `Un banc de plus place Kléber, numéro ${i + 1}`,
            quartierId: fixture.quartierId,
          }),
        },
        { token },
      )
      .then((answer) => ["createPetition", answer] as const),
  ]).flat();
  const signed = platform.graphql<Json>(
    SIGN,
    { petitionId: fixture.petitionId, key: key("outage") },
    { token },
  );
  for (const [name, answer] of await Promise.all(rounds)) {
    expect([name, answer.status, answer.body.errors]).toEqual([name, 200, undefined]);
  }
  const [, me] = (await Promise.all(rounds)).find(([name]) => name === "me") ?? [];
  expect(me?.body.data?.me.id).toEqual(expect.any(String));
  const created = (await Promise.all(rounds)).find(([name]) => name === "createPetition")?.[1];
  expect(created?.body.data?.createPetition.petition.quartier.id).toBe(fixture.quartierId);
  const signature = await signed;
  expect(signature.body.errors).toBeUndefined();
  expect(signature.body.data?.signPetition.__typename).toBe("PetitionSigned");

  // Operators see it; the process recovers by itself once Redis is back (ioredis reconnects with a capped backoff).
  const ready = platform.url.replace(/\/graphql$/, "/ready");
  // Degraded, not out of service: the load balancer keeps sending requests, which the mix above shows it may.
  const during = await fetch(ready);
  expect([during.status, await during.json()]).toEqual([
    200,
    expect.objectContaining({
      status: "degraded",
      checks: expect.objectContaining({ cache: "unavailable" }),
    }),
  ]);
  await redis.restart();
  await expect
    .poll(async () => ((await (await fetch(ready)).json()) as Json).status, {
      timeout: 10_000,
      interval: 200,
    })
    .toBe("ready");
}
