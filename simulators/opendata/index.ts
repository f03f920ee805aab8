// A local stand-in for the Eurométropole's Opendatasoft portal (data.strasbourg.eu), Explore API v2.1:
//   GET /api/explore/v2.1/catalog/datasets                       the catalogue
//   GET /api/explore/v2.1/catalog/datasets/{dataset_id}          one dataset's metadata
//   GET /api/explore/v2.1/catalog/datasets/{dataset_id}/records  its records: limit (≤ 100), offset, select
// and the Automation API v1.0 through which Parvis publishes its open data (automation.ts): a dataset it publishes
// then appears in the catalogue and its records above. Answers in the API's shapes ({ total_count, results }, errors as { error_code, message }). It serves the demo
// boundaries of data/geography.ts — APPROXIMATIONS, not the real ones — as the neighbourhood dataset
// `quartiers_elus_2020` and a dataset of the communes' boundaries. Fault injection as the other simulators.
import type { AddressInfo } from "node:net";
import Fastify, { type FastifyReply } from "fastify";
import { COMMUNES, QUARTIERS } from "../../data/directory.ts";
import { COMMUNE_CENTRES, demoGeography, QUARTIER_DATASET_ENTRIES } from "../../data/geography.ts";
import {
  ADMIN_PREFIX,
  applyFaults,
  DEFAULT_FAULTS,
  type Faults,
  registerFaults,
} from "../strasbourg-eu/faults.ts";
import { type AutomationDataset, emptyAutomationState, registerAutomationApi } from "./automation.ts";

export const QUARTIERS_DATASET = "quartiers_elus_2020";
export const COMMUNES_DATASET = "communes_eurometropole";
const BASE = "/api/explore/v2.1/catalog/datasets";
const MAX_LIMIT = 100;
const MAX_WINDOW = 10_000;

type Row = Record<string, unknown>;

interface Dataset {
  title: string;
  description: string;
  records: unknown[];
}

/** The demo datasets, built from the demo geography. */
export function demoDatasets(): Record<string, Dataset> {
  const geography = demoGeography();
  const quartiers = QUARTIERS.map((quartier) => {
    const entry = QUARTIER_DATASET_ENTRIES[quartier.slug];
    return {
      code_quartier: entry?.code ?? quartier.slug,
      nom_quartier: entry?.name ?? quartier.name,
      commune: "STRASBOURG",
      code_insee: quartier.communeInseeCode,
      geo_point_2d: { lon: quartier.centroidLon, lat: quartier.centroidLat },
      geo_shape: { type: "Feature", geometry: geography.quartiers.get(quartier.slug), properties: {} },
    };
  });
  const communes = COMMUNES.map((commune) => {
    const [lat, lon] = COMMUNE_CENTRES[commune.inseeCode] ?? [0, 0];
    return {
      code_insee: commune.inseeCode,
      nom_commune: commune.name,
      geo_point_2d: { lon, lat },
      geo_shape: { type: "Feature", geometry: geography.communes.get(commune.inseeCode), properties: {} },
    };
  });
  return {
    [QUARTIERS_DATASET]: {
      title: "Quartiers élus 2020 (démonstration)",
      description: "Limites approximatives des quartiers de Strasbourg, construites pour la démonstration.",
      records: quartiers,
    },
    [COMMUNES_DATASET]: {
      title: "Communes de l'Eurométropole (démonstration)",
      description: "Limites approximatives des 33 communes, construites pour la démonstration.",
      records: communes,
    },
  };
}

export interface OpenDataSimulatorOptions {
  port?: number;
  host?: string;
  faults?: Partial<Faults>;
  /** The Automation API's key (OPENDATA_AUTOMATION_API_KEY's development default). */
  automationApiKey?: string;
}

export const DEV_AUTOMATION_API_KEY = "dev-only-opendata-automation-api-key-0123456789";

export interface OpenDataSimulator {
  url: string;
  readonly faults: Faults;
  setFaults(patch: Partial<Faults>): void;
  /** Replaces a dataset's records (creates the dataset if needed). */
  setRecords(dataset: string, records: unknown[]): void;
  addRecord(dataset: string, record: unknown): void;
  records(dataset: string): unknown[];
  reset(): void;
  /** Records pages served (to check pagination). */
  readonly pagesServed: number;
  /** What was published through the Automation API, by dataset_id. */
  published(datasetId: string): AutomationDataset | undefined;
  /** Non-GET calls the Automation API received. */
  readonly automationWrites: number;
  close(): Promise<void>;
}

function apiError(reply: FastifyReply, status: number, errorCode: string, message: string) {
  return reply.code(status).send({ error_code: errorCode, message });
}

const SUPPORTED = new Set(["limit", "offset", "select", "lang", "timezone"]);

export async function startOpenDataSimulator(
  options: OpenDataSimulatorOptions = {},
): Promise<OpenDataSimulator> {
  const state = {
    faults: applyFaults({ ...DEFAULT_FAULTS }, options.faults ?? {}),
    datasets: demoDatasets(),
    pages: 0,
    automation: emptyAutomationState(),
    apiKey: options.automationApiKey ?? DEV_AUTOMATION_API_KEY,
  };
  const app = Fastify({ logger: false });
  const datasetOf = (id: string): Dataset => {
    const existing = state.datasets[id];
    if (existing) return existing;
    const created: Dataset = { title: id, description: "", records: [] };
    state.datasets[id] = created;
    return created;
  };
  registerFaults(app, state, (reply) =>
    apiError(
      reply.header("Retry-After", "30"),
      503,
      "ServiceUnavailable",
      "Le portail est momentanément indisponible.",
    ),
  );

  registerAutomationApi(app, state, (id, title, description, records) => {
    state.datasets[id] = { title, description, records };
  });

  app.get(BASE, async () => ({
    total_count: Object.keys(state.datasets).length,
    results: Object.entries(state.datasets).map(([id, dataset]) => ({
      dataset_id: id,
      metas: {
        default: {
          title: dataset.title,
          description: dataset.description,
          records_count: dataset.records.length,
        },
      },
    })),
  }));
  app.get<{ Params: { dataset: string } }>(`${BASE}/:dataset`, async (request, reply) => {
    const dataset = state.datasets[request.params.dataset];
    if (!dataset)
      return apiError(reply, 404, "DatasetNotFound", `Unknown dataset: ${request.params.dataset}`);
    return {
      dataset_id: request.params.dataset,
      metas: {
        default: {
          title: dataset.title,
          description: dataset.description,
          records_count: dataset.records.length,
        },
      },
    };
  });
  app.get<{ Params: { dataset: string }; Querystring: Record<string, string> }>(
    `${BASE}/:dataset/records`,
    async (request, reply) => {
      const dataset = state.datasets[request.params.dataset];
      if (!dataset)
        return apiError(reply, 404, "DatasetNotFound", `Unknown dataset: ${request.params.dataset}`);
      const query = request.query;
      const unsupported = Object.keys(query).filter((key) => !SUPPORTED.has(key));
      if (unsupported.length > 0) {
        return apiError(
          reply,
          400,
          "InvalidRESTParameterError",
          `Parameter not supported by the simulator: ${unsupported.join(", ")}`,
        );
      }
      const limit = query.limit === undefined ? 10 : Number(query.limit);
      const offset = query.offset === undefined ? 0 : Number(query.offset);
      if (!Number.isInteger(limit) || limit < -1 || limit > MAX_LIMIT) {
        return apiError(
          reply,
          400,
          "InvalidRESTParameterError",
          `Invalid value for limit API parameter: ${query.limit} was found but -1 <= limit <= ${MAX_LIMIT} is expected.`,
        );
      }
      if (!Number.isInteger(offset) || offset < 0) {
        return apiError(
          reply,
          400,
          "InvalidRESTParameterError",
          `Invalid value for offset API parameter: ${query.offset} was found but offset >= 0 is expected.`,
        );
      }
      const size = limit === -1 ? MAX_LIMIT : limit;
      if (offset + size > MAX_WINDOW) {
        return apiError(
          reply,
          400,
          "InvalidRESTParameterError",
          `Invalid value for offset API parameter: offset + limit must be lower than ${MAX_WINDOW}.`,
        );
      }
      const fields = query.select
        ?.split(",")
        .map((field) => field.trim())
        .filter(Boolean);
      state.pages++;
      const page = dataset.records
        .slice(offset, offset + size)
        .map((record) =>
          fields && record && typeof record === "object"
            ? Object.fromEntries(fields.map((field) => [field, (record as Row)[field] ?? null]))
            : record,
        );
      return { total_count: dataset.records.length, results: page };
    },
  );
  app.post<{ Params: { dataset: string } }>(`${ADMIN_PREFIX}/datasets/:dataset/records`, async (request) => {
    const dataset = datasetOf(request.params.dataset);
    dataset.records.push(request.body);
    return { count: dataset.records.length };
  });
  app.post(`${ADMIN_PREFIX}/reset`, async () => {
    state.datasets = demoDatasets();
    state.automation = emptyAutomationState();
    return { datasets: Object.keys(state.datasets) };
  });

  const host = options.host ?? "127.0.0.1";
  await app.listen({ port: options.port ?? 0, host });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    get faults() {
      return { ...state.faults };
    },
    setFaults: (patch) => {
      state.faults = applyFaults(state.faults, patch);
    },
    setRecords: (id, records) => {
      datasetOf(id).records = [...records];
    },
    addRecord: (id, record) => {
      datasetOf(id).records.push(record);
    },
    records: (id) => [...(state.datasets[id]?.records ?? [])],
    reset: () => {
      state.datasets = demoDatasets();
      state.automation = emptyAutomationState();
    },
    published: (datasetId) =>
      [...state.automation.datasets.values()].find((dataset) => dataset.dataset_id === datasetId),
    get automationWrites() {
      return state.automation.writes;
    },
    get pagesServed() {
      return state.pages;
    },
    close: async () => {
      await app.close();
    },
  };
}
