// The open-data adapter reads every record of a dataset page by page (100 at most per page, the API's cap), and
// reports an unavailable portal as such.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../platform/config.ts";
import { createLogger } from "../../../platform/logger.ts";
import { isUpstreamUnavailable } from "../../../platform/resilience/upstream.ts";
import { type OpenDataSimulator, startOpenDataSimulator } from "../../../simulators/opendata/index.ts";
import { openDataHttp } from "./openDataHttp.ts";

describe("open-data adapter", () => {
  let sim: OpenDataSimulator;
  beforeAll(async () => {
    sim = await startOpenDataSimulator();
  });
  afterAll(() => sim?.close());

  const portal = () =>
    openDataHttp({
      config: loadConfig({ OPENDATA_URL: sim.url, OPENDATA_TIMEOUT_MS: "500" }),
      log: createLogger({ level: "silent" }),
    });

  it("reads a dataset of 250 records in three pages", async () => {
    sim.setRecords(
      "big",
      Array.from({ length: 250 }, (_, i) => ({ n: i })),
    );
    const before = sim.pagesServed;
    const records = (await portal().records("big")) as { n: number }[];
    expect(records).toHaveLength(250);
    expect(records.map((record) => record.n)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(sim.pagesServed - before).toBe(3);
  });

  it("fails as unavailable when the portal is down", async () => {
    sim.setFaults({ down: true });
    try {
      await expect(portal().records("quartiers_elus_2020")).rejects.toSatisfy(isUpstreamUnavailable);
    } finally {
      sim.setFaults({ down: false });
    }
  });
});
