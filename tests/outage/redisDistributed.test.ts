// Redis killed under mixed load, distributed mode (each subgraph over HTTP with signed caller headers): the replay
// protection falls back to its in-process window, so anonymous reads, `me`, signing, creating a petition in a
// quartier and the map keep working. Runs once (embedded project): the cache is a private redis-server anyway.
import { afterAll, beforeAll, describe, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import { type PrivateRedis, startPrivateRedis } from "../support/privateRedis.ts";
import { mixedLoadWithoutRedis, prepareRedisOutage, type RedisOutageFixture } from "./redisScenario.ts";

describe.skipIf(process.env.PARVIS_TEST_BACKEND === "services")("Redis down, distributed", () => {
  let redis: PrivateRedis;
  let platform: SignedInPlatform;
  let fixture: RedisOutageFixture;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    platform = await startSignedInPlatform({ mode: "http", env: { REDIS_URL: redis.url } });
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
