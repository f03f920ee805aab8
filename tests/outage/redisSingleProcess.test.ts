// Redis killed under mixed load, single-process mode (`npm start` with REDIS_URL): anonymous reads, `me`, signing,
// creating a petition in a quartier (an internal call) and the map with the other subgraphs' layers keep working.
// Runs once (embedded project): the cache is a private redis-server in both projects, so a second run would
// prove nothing more.
import { afterAll, beforeAll, describe, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import { type PrivateRedis, startPrivateRedis } from "../support/privateRedis.ts";
import { mixedLoadWithoutRedis, prepareRedisOutage, type RedisOutageFixture } from "./redisScenario.ts";

describe.skipIf(process.env.PARVIS_TEST_BACKEND === "services")("Redis down, single process", () => {
  let redis: PrivateRedis;
  let platform: SignedInPlatform;
  let fixture: RedisOutageFixture;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    platform = await startSignedInPlatform({ env: { REDIS_URL: redis.url } });
    fixture = await prepareRedisOutage(platform);
  });
  afterAll(async () => {
    await platform?.close();
    await redis?.stop();
  });

  it("keeps anonymous reads, me, signing, internal calls and the map working", async () => {
    await mixedLoadWithoutRedis(platform, redis, fixture);
  });
});
