// The Opendatasoft Automation API v1.0 (https://<domain>/api/automation/v1.0), as far as Parvis uses it to publish
// its open data: find a dataset by its dataset_id, create it, update its metadata, upload a resource file, create or
// update the dataset's resource, publish. Authenticated by `Authorization: Apikey <key>`. Answers in the API's
// shapes (`{ total_count, results }`, uids `da_…`, `re_…`, `fi_…`, errors `{ error_code, message }`). Publishing
// reads the resource's CSV into the dataset's records, which the Explore API of index.ts then serves.
import { randomBytes } from "node:crypto";
import busboy from "busboy";
import { parse } from "csv-parse/sync";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export const AUTOMATION_BASE = "/api/automation/v1.0";

export interface AutomationDataset {
  uid: string;
  dataset_id: string;
  metadata: Record<string, unknown>;
  resources: AutomationResource[];
  /** Times the dataset was published (each POST …/publish/). */
  publications: number;
  published: boolean;
}

export interface AutomationResource {
  uid: string;
  type: string;
  title: string;
  params: Record<string, unknown>;
  datasource: { type: string; file?: { uid: string } };
}

export interface AutomationState {
  datasets: Map<string, AutomationDataset>;
  files: Map<string, { uid: string; filename: string; content: Buffer }>;
  /** Non-GET calls received (creations, updates, uploads, publications). */
  writes: number;
}

export function emptyAutomationState(): AutomationState {
  return { datasets: new Map(), files: new Map(), writes: 0 };
}

const uid = (prefix: string) => `${prefix}_${randomBytes(4).toString("hex")}`;

function apiError(reply: FastifyReply, status: number, errorCode: string, message: string) {
  return reply.code(status).send({ error_code: errorCode, message });
}

/** Multipart bodies (file uploads) parsed to the first file's name and bytes. */
function parseMultipart(request: FastifyRequest, payload: NodeJS.ReadableStream) {
  return new Promise<{ filename: string; content: Buffer } | null>((resolve, reject) => {
    let file: { filename: string; content: Buffer } | null = null;
    const parser = busboy({ headers: request.headers, limits: { files: 1, fileSize: 50 * 1024 * 1024 } });
    parser.on("file", (_name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        file = { filename: info.filename, content: Buffer.concat(chunks) };
      });
    });
    parser.on("error", reject);
    parser.on("close", () => resolve(file));
    payload.pipe(parser);
  });
}

export function registerAutomationApi(
  app: FastifyInstance,
  state: { automation: AutomationState; apiKey: string },
  publishRecords: (datasetId: string, title: string, description: string, records: unknown[]) => void,
): void {
  app.addContentTypeParser(
    "multipart/form-data",
    async (request: FastifyRequest, payload: NodeJS.ReadableStream) => parseMultipart(request, payload),
  );

  app.register(async (scope) => {
    scope.addHook("onRequest", async (request, reply) => {
      const header = request.headers.authorization ?? "";
      const query = request.query as Record<string, string | undefined>;
      const key = header.startsWith("Apikey ") ? header.slice("Apikey ".length) : query.apikey;
      if (key !== state.apiKey) return apiError(reply, 401, "InvalidAPIKey", "Invalid or missing API key.");
      if (request.method !== "GET") state.automation.writes++;
    });

    const datasetOf = (request: FastifyRequest<{ Params: { uid: string } }>) =>
      state.automation.datasets.get(request.params.uid);
    const view = (dataset: AutomationDataset) => ({
      uid: dataset.uid,
      dataset_id: dataset.dataset_id,
      metadata: dataset.metadata,
      is_published: dataset.published,
    });

    scope.get<{ Querystring: { dataset_id?: string; limit?: string; offset?: string } }>(
      `${AUTOMATION_BASE}/datasets/`,
      async (request) => {
        const all = [...state.automation.datasets.values()].filter(
          (dataset) => !request.query.dataset_id || dataset.dataset_id === request.query.dataset_id,
        );
        return { total_count: all.length, results: all.map(view) };
      },
    );
    scope.post<{ Body: { dataset_id?: string; metadata?: Record<string, unknown> } }>(
      `${AUTOMATION_BASE}/datasets/`,
      async (request, reply) => {
        const datasetId = request.body?.dataset_id;
        if (!datasetId || !/^[a-z0-9_-]+$/.test(datasetId))
          return apiError(reply, 400, "ValidationError", "dataset_id: invalid value.");
        if ([...state.automation.datasets.values()].some((dataset) => dataset.dataset_id === datasetId))
          return apiError(
            reply,
            400,
            "ValidationError",
            "dataset_id: a dataset with this identifier exists.",
          );
        const dataset: AutomationDataset = {
          uid: uid("da"),
          dataset_id: datasetId,
          metadata: request.body.metadata ?? {},
          resources: [],
          publications: 0,
          published: false,
        };
        state.automation.datasets.set(dataset.uid, dataset);
        return reply.code(201).send(view(dataset));
      },
    );
    scope.get<{ Params: { uid: string } }>(`${AUTOMATION_BASE}/datasets/:uid/`, async (request, reply) => {
      const dataset = datasetOf(request);
      return dataset ? view(dataset) : apiError(reply, 404, "NotFound", "Dataset not found.");
    });
    scope.put<{ Params: { uid: string }; Body: { metadata?: Record<string, unknown> } }>(
      `${AUTOMATION_BASE}/datasets/:uid/`,
      async (request, reply) => {
        const dataset = datasetOf(request);
        if (!dataset) return apiError(reply, 404, "NotFound", "Dataset not found.");
        dataset.metadata = request.body?.metadata ?? dataset.metadata;
        return view(dataset);
      },
    );
    scope.post<{ Params: { uid: string }; Body: { filename: string; content: Buffer } | null }>(
      `${AUTOMATION_BASE}/datasets/:uid/resources/files/`,
      async (request, reply) => {
        if (!datasetOf(request)) return apiError(reply, 404, "NotFound", "Dataset not found.");
        if (!request.body) return apiError(reply, 400, "ValidationError", "file: this field is required.");
        const file = { uid: uid("fi"), ...request.body };
        state.automation.files.set(file.uid, file);
        return reply.code(201).send({ uid: file.uid, filename: file.filename, size: file.content.length });
      },
    );
    scope.get<{ Params: { uid: string } }>(
      `${AUTOMATION_BASE}/datasets/:uid/resources/`,
      async (request, reply) => {
        const dataset = datasetOf(request);
        if (!dataset) return apiError(reply, 404, "NotFound", "Dataset not found.");
        return { total_count: dataset.resources.length, results: dataset.resources };
      },
    );
    const resourceBody = (body: Partial<AutomationResource> | undefined) => {
      const fileUid = body?.datasource?.file?.uid;
      if (!body?.type || !body.title || !fileUid || !state.automation.files.has(fileUid)) return null;
      return { type: body.type, title: body.title, params: body.params ?? {}, datasource: body.datasource };
    };
    scope.post<{ Params: { uid: string }; Body: Partial<AutomationResource> }>(
      `${AUTOMATION_BASE}/datasets/:uid/resources/`,
      async (request, reply) => {
        const dataset = datasetOf(request);
        if (!dataset) return apiError(reply, 404, "NotFound", "Dataset not found.");
        const body = resourceBody(request.body);
        if (!body) return apiError(reply, 400, "ValidationError", "Invalid resource.");
        const resource = { uid: uid("re"), ...body } as AutomationResource;
        dataset.resources.push(resource);
        return reply.code(201).send(resource);
      },
    );
    scope.put<{ Params: { uid: string; resource: string }; Body: Partial<AutomationResource> }>(
      `${AUTOMATION_BASE}/datasets/:uid/resources/:resource/`,
      async (request, reply) => {
        const dataset = datasetOf(request);
        const resource = dataset?.resources.find((item) => item.uid === request.params.resource);
        if (!dataset || !resource) return apiError(reply, 404, "NotFound", "Resource not found.");
        const body = resourceBody(request.body);
        if (!body) return apiError(reply, 400, "ValidationError", "Invalid resource.");
        Object.assign(resource, body);
        return resource;
      },
    );
    scope.post<{ Params: { uid: string } }>(
      `${AUTOMATION_BASE}/datasets/:uid/publish/`,
      async (request, reply) => {
        const dataset = datasetOf(request);
        if (!dataset) return apiError(reply, 404, "NotFound", "Dataset not found.");
        const records = dataset.resources.flatMap((resource) => {
          const file = resource.datasource.file && state.automation.files.get(resource.datasource.file.uid);
          return file ? (parse(file.content, { columns: true, bom: true }) as unknown[]) : [];
        });
        const meta = (dataset.metadata.default ?? {}) as Record<string, { value?: unknown }>;
        publishRecords(
          dataset.dataset_id,
          String(meta.title?.value ?? dataset.dataset_id),
          String(meta.description?.value ?? ""),
          records,
        );
        dataset.publications++;
        dataset.published = true;
        return { status: "processing" };
      },
    );
    scope.get<{ Params: { uid: string } }>(
      `${AUTOMATION_BASE}/datasets/:uid/status/`,
      async (request, reply) => {
        const dataset = datasetOf(request);
        if (!dataset) return apiError(reply, 404, "NotFound", "Dataset not found.");
        return { status: dataset.published ? "idle" : "never_published", since: new Date().toISOString() };
      },
    );
  });
}
