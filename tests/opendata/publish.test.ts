// Publishing the datasets to the city's Opendatasoft portal (here its simulator, Automation API v1.0): a run creates
// each dataset with its metadata and CSV resource and publishes it, whose records the portal's Explore API then
// serves; a second run with nothing changed sends nothing; a run that fails (portal down) is recorded as failed
// and the next one publishes without creating anything twice — also when the portal accepted a dataset whose
// publication Parvis never recorded (a crash in between).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../../harness/platform.ts";
import { type OpenDataSimulator, startOpenDataSimulator } from "../../simulators/opendata/index.ts";
import { DATASETS } from "../../subgraphs/opendata/domain/catalog.ts";
import { download, origin, parseCsv } from "./support.ts";

interface Run {
  id: string;
  trigger: string;
  status: string;
  finishedAt: string | null;
  datasets: { datasetId: string; outcome: string; rowCount: number | null }[];
}

const PUBLISH = /* GraphQL */ `
  mutation Publish {
    _publishOpenData(trigger: MANUAL) { id trigger status finishedAt datasets { datasetId outcome rowCount } }
  }`;

describe("publishing to the Opendatasoft portal", () => {
  let platform: TestPlatform;
  let portal: OpenDataSimulator;

  beforeAll(async () => {
    portal = await startOpenDataSimulator();
    platform = await startTestPlatform({
      seed: "demo",
      env: {
        OPENDATA_URL: portal.url,
        OPENDATA_TIMEOUT_MS: "2000",
        OPENDATA_PUBLISH_INTERVAL_SECONDS: "0",
        OPENDATA_PUBLISH_DEBOUNCE_MS: "0",
        OPENDATA_PUBLISH_RETRY_SECONDS: "0",
        OPENDATA_MIN_CELL_COUNT: "2",
      },
    });
  }, 300_000);
  afterAll(async () => {
    await platform?.close();
    await portal?.close();
  });

  const publish = async () =>
    (await platform.client.request<{ _publishOpenData: Run }>("opendata", PUBLISH))._publishOpenData;
  const outcomes = (run: Run) => new Set(run.datasets.map((dataset) => dataset.outcome));

  it("creates, fills and publishes every dataset on the portal", async () => {
    const run = await publish();
    expect(run).toMatchObject({ trigger: "MANUAL", status: "SUCCEEDED", finishedAt: expect.anything() });
    expect(run.datasets.map((dataset) => dataset.datasetId)).toEqual(DATASETS.map((dataset) => dataset.id));
    expect(outcomes(run)).toEqual(new Set(["PUBLISHED"]));
    const base = origin(platform.url);
    for (const dataset of DATASETS) {
      const published = portal.published(dataset.id);
      expect(published, dataset.id).toMatchObject({ publications: 1, published: true });
      expect(published?.resources).toHaveLength(1);
      const metadata = published?.metadata.default as Record<string, { value: unknown }>;
      expect(metadata.title?.value).toBe(dataset.title);
      expect(metadata.license?.value).toBe("Licence Ouverte / Open Licence version 2.0");
      // What the portal serves is what Parvis serves.
      const { records } = parseCsv((await download(base, `/open-data/datasets/${dataset.id}.csv`)).text);
      const served = (await (
        await fetch(`${portal.url}/api/explore/v2.1/catalog/datasets/${dataset.id}/records?limit=1`)
      ).json()) as { total_count: number };
      expect(served.total_count, dataset.id).toBe(records.length);
      expect(run.datasets.find((item) => item.datasetId === dataset.id)?.rowCount).toBe(records.length);
    }
  });

  it("sends nothing when nothing changed", async () => {
    const writes = portal.automationWrites;
    const run = await publish();
    expect(run.status).toBe("SUCCEEDED");
    expect(outcomes(run)).toEqual(new Set(["UNCHANGED"]));
    expect(portal.automationWrites).toBe(writes);
  });

  it("records a failed run and publishes on the next one without duplicating anything", async () => {
    // As if the portal had accepted the files but Parvis had crashed before recording it.
    await platform.db.query("DELETE FROM opendata.published_dataset");
    portal.setFaults({ down: true });
    const failed = await publish();
    expect(failed.status).toBe("FAILED");
    expect(outcomes(failed)).toEqual(new Set(["FAILED"]));
    portal.setFaults({ down: false });
    // The breaker opened on the failures: wait until it lets a probe through.
    let resumed = await publish();
    for (let attempt = 0; attempt < 40 && resumed.status !== "SUCCEEDED"; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      resumed = await publish();
    }
    expect(resumed.status).toBe("SUCCEEDED");
    for (const dataset of DATASETS) {
      const published = portal.published(dataset.id);
      expect(published?.resources, dataset.id).toHaveLength(1);
      expect(published?.publications).toBe(2);
    }
    expect(
      (await platform.db.query<{ n: number }>("SELECT count(*)::int AS n FROM opendata.published_dataset"))[0]
        ?.n,
    ).toBe(DATASETS.length);
    const { openDataPublicationRuns: runs } = await platform.client.request<{
      openDataPublicationRuns: Run[];
    }>("opendata", "{ openDataPublicationRuns(first: 100) { id status } }");
    // Most recent first: the resumed run, then the failed one (and any probe in between), then the first two.
    expect(runs[0]?.id).toBe(resumed.id);
    expect(runs.find((run) => run.id === failed.id)?.status).toBe("FAILED");
    expect(runs.slice(-2).map((run) => run.status)).toEqual(["SUCCEEDED", "SUCCEEDED"]);
  }, 120_000);
});
