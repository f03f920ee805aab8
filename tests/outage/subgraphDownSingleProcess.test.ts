// Single-process mode: the petitions subgraph fails outright and the identity subgraph never answers (beyond
// SUBGRAPH_TIMEOUT_MS). Same answer as in distributed mode.
import { afterAll, beforeAll, describe, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../../harness/platform.ts";
import { expectPartialAnswer, expectUnavailableAnswer } from "./subgraphScenario.ts";

describe.skipIf(process.env.PARVIS_TEST_BACKEND === "services")("a subgraph down, single process", () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ env: { SUBGRAPH_TIMEOUT_MS: "300" } });
    const petitions = platform.servers.get("petitions");
    const identity = platform.servers.get("identity");
    if (!petitions || !identity) throw new Error("petitions and identity must run");
    petitions.executeDirect = () => Promise.reject(new Error("the petitions subgraph crashed"));
    identity.executeDirect = () => new Promise(() => {});
  });
  afterAll(() => platform?.close());

  it("answers the rest, with UPSTREAM_UNAVAILABLE, the subgraph and a retry delay on each missing path", async () => {
    await expectPartialAnswer(platform);
  });

  it("answers 503 with Retry-After when nothing of the answer could be computed", async () => {
    await expectUnavailableAnswer(platform);
  });
});
