// What the open-data subgraph builds once per process: the source of the datasets' rows (the other subgraphs'
// APIs through the internal client), the portal adapter, the publication record, and the schedule of
// publications (daily, after domain events, retries; domain/publicationSchedule.ts).
import type { SubgraphDeps } from "../../platform/context.ts";
import { newId } from "../../platform/ids.ts";
import { opendatasoftAutomation } from "./adapters/opendatasoftAutomation.ts";
import { sqlPublicationStore } from "./adapters/sqlPublicationStore.ts";
import { subgraphDatasetSource } from "./adapters/subgraphSources.ts";
import { type PublicationSchedule, startPublicationSchedule } from "./domain/publicationSchedule.ts";
import { publishDatasets } from "./domain/publishDatasets.ts";
import { csvBuffer } from "./http/formats.ts";
import type { DatasetSource } from "./ports/datasetSource.ts";
import type { PublicationStore } from "./ports/publicationStore.ts";
import { openDataSettings } from "./settings.ts";

export interface OpenDataServices {
  source: DatasetSource;
  store: PublicationStore;
  schedule: PublicationSchedule;
}

export function createOpenDataServices(deps: SubgraphDeps): OpenDataServices {
  const settings = openDataSettings(deps.config);
  const log = deps.log.child({ component: "open-data-publication" });
  const source = subgraphDatasetSource(deps.internal, { minimumCellCount: settings.minimumCellCount });
  const store = sqlPublicationStore(deps.db);
  const portal = opendatasoftAutomation(deps.config, log);
  const schedule = startPublicationSchedule({
    intervalMs: deps.config.OPENDATA_PUBLISH_INTERVAL_SECONDS * 1000,
    debounceMs: deps.config.OPENDATA_PUBLISH_DEBOUNCE_MS,
    retryMs: deps.config.OPENDATA_PUBLISH_RETRY_SECONDS * 1000,
    run: async (trigger) => {
      const outcome = await publishDatasets(
        {
          rows: (id) => source.rows(id),
          renderCsv: csvBuffer,
          portal,
          store,
          metadata: (dataset) => ({
            title: dataset.title,
            description: dataset.description,
            keywords: dataset.keywords,
            licence: settings.licence.title,
            publisher: settings.publisher,
            frequency: dataset.frequency,
          }),
          newId,
          clock: () => new Date(),
          onFailure: (datasetId, error) =>
            log.warn({ err: error, dataset: datasetId }, "open-data publication failed"),
        },
        trigger,
      );
      log.info(
        {
          run: outcome.runId,
          trigger,
          status: outcome.status,
          results: outcome.results.map((r) => r.outcome),
        },
        "open-data publication run",
      );
      return outcome;
    },
    onError: (error) => log.error({ err: error }, "open-data publication run failed"),
  });
  return { source, store, schedule };
}
