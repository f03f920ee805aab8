// The Opendatasoft Automation API v1.0 (<OPENDATA_URL>/api/automation/v1.0, `Authorization: Apikey …`), behind the
// platform's resilience wrapper: reads are idempotent and retried, writes attempted once each. Publishing a dataset:
// find it by dataset_id (or create it), update its metadata, upload the CSV file, point the dataset's CSV resource
// at it (update it when it exists, create it otherwise), publish. Every step is safe to repeat: a run resumed after
// a failure finds what the previous one created.
import type { Config } from "../../../platform/config.ts";
import type { Logger } from "../../../platform/logger.ts";
import { createUpstream } from "../../../platform/resilience/upstream.ts";
import type { DatasetDefinition } from "../domain/catalog.ts";
import type { OpenDataPortal, PortalDatasetMetadata, PortalPublication } from "../ports/portal.ts";

const BASE = "/api/automation/v1.0";

class PortalError extends Error {
  override name = "PortalError";
  readonly status: number;
  constructor(operation: string, status: number) {
    super(`opendatasoft ${operation} answered ${status}`);
    this.status = status;
  }
}

interface PortalDataset {
  uid: string;
  dataset_id: string;
}

interface PortalResource {
  uid: string;
  title: string;
}

/** The portal's metadata of a dataset (the `default` template). */
function portalMetadata(metadata: PortalDatasetMetadata) {
  return {
    default: {
      title: { value: metadata.title },
      description: { value: metadata.description },
      keyword: { value: [...metadata.keywords] },
      license: { value: metadata.licence },
      publisher: { value: metadata.publisher },
      language: { value: "fr" },
    },
    dcat: { accrualperiodicity: { value: metadata.frequency } },
  };
}

export function opendatasoftAutomation(config: Config, log: Logger): OpenDataPortal {
  const upstream = createUpstream({
    name: "opendatasoft-automation",
    timeoutMs: config.OPENDATA_TIMEOUT_MS,
    retries: 2,
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
    log,
  });
  const base = `${String(config.OPENDATA_URL).replace(/\/$/, "")}${BASE}`;
  const authorization = `Apikey ${config.OPENDATA_AUTOMATION_API_KEY}`;

  async function call<T>(
    operation: string,
    method: string,
    path: string,
    body: unknown,
    idempotent: boolean,
  ): Promise<T> {
    return upstream.call(
      operation,
      async (signal) => {
        const isForm = body instanceof FormData;
        const response = await fetch(`${base}${path}`, {
          method,
          headers: {
            authorization,
            accept: "application/json",
            ...(body && !isForm ? { "content-type": "application/json" } : {}),
          },
          body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
          signal,
        });
        if (!response.ok) throw new PortalError(operation, response.status);
        return (await response.json()) as T;
      },
      { idempotent },
    );
  }

  async function findOrCreateDataset(dataset: DatasetDefinition, metadata: PortalDatasetMetadata) {
    const found = await call<{ results: PortalDataset[] }>(
      "find-dataset",
      "GET",
      `/datasets/?dataset_id=${encodeURIComponent(dataset.id)}`,
      undefined,
      true,
    );
    const existing = found.results.find((item) => item.dataset_id === dataset.id);
    if (existing) {
      await call(
        "update-dataset",
        "PUT",
        `/datasets/${existing.uid}/`,
        {
          dataset_id: dataset.id,
          metadata: portalMetadata(metadata),
        },
        true,
      );
      return existing;
    }
    return call<PortalDataset>(
      "create-dataset",
      "POST",
      "/datasets/",
      { dataset_id: dataset.id, metadata: portalMetadata(metadata) },
      false,
    );
  }

  return {
    async publish(dataset, metadata, csv, known) {
      const portalDataset = await findOrCreateDataset(dataset, metadata);
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(csv)], { type: "text/csv" }), `${dataset.id}.csv`);
      const file = await call<{ uid: string }>(
        "upload-file",
        "POST",
        `/datasets/${portalDataset.uid}/resources/files/`,
        form,
        false,
      );
      const resource = {
        type: "csvfile",
        title: `${dataset.id}.csv`,
        params: { separator: ",", encoding: "utf-8", headers_first_row: true, doublequote: true },
        datasource: { type: "uploaded_file", file: { uid: file.uid } },
      };
      const resources = await call<{ results: PortalResource[] }>(
        "list-resources",
        "GET",
        `/datasets/${portalDataset.uid}/resources/`,
        undefined,
        true,
      );
      const existing =
        resources.results.find((item) => known && item.uid === known.portalResourceUid) ??
        resources.results.find((item) => item.title === resource.title);
      const saved = existing
        ? await call<PortalResource>(
            "update-resource",
            "PUT",
            `/datasets/${portalDataset.uid}/resources/${existing.uid}/`,
            resource,
            true,
          )
        : await call<PortalResource>(
            "create-resource",
            "POST",
            `/datasets/${portalDataset.uid}/resources/`,
            resource,
            false,
          );
      // Publishing again republishes the same file: safe to repeat.
      await call("publish-dataset", "POST", `/datasets/${portalDataset.uid}/publish/`, undefined, true);
      return {
        portalDatasetUid: portalDataset.uid,
        portalResourceUid: saved.uid,
      } satisfies PortalPublication;
    },
  };
}
