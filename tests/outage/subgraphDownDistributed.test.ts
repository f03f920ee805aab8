// Distributed mode: the petitions and identity subgraph processes stop answering (their HTTP servers closed).
// Runs once (embedded project): what is tested is the gateway's answer, not the backends.
import { afterAll, beforeAll, describe, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../../harness/platform.ts";
import { expectPartialAnswer, expectUnavailableAnswer } from "./subgraphScenario.ts";

describe.skipIf(process.env.PARVIS_TEST_BACKEND === "services")("a subgraph down, distributed", () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ mode: "http" });
    await platform.subgraphApps.get("petitions")?.close();
    await platform.subgraphApps.get("identity")?.close();
  });
  afterAll(() => platform?.close());

  it("answers the rest, with UPSTREAM_UNAVAILABLE, the subgraph and a retry delay on each missing path", async () => {
    await expectPartialAnswer(platform);
  });

  it("answers 503 with Retry-After when nothing of the answer could be computed", async () => {
    await expectUnavailableAnswer(platform);
  });
});
