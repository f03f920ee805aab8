// A local stand-in for the Strasbourg.eu JSON web services (Liferay JSON WS under /api/jsonws), serving the
// documented paths and formats (shared/reference/strasbourg-eu-api): places (public), events and categories (HTTP
// Basic). With fault injection (latency, error rate, down) and test hooks to add malformed records or remove
// records, so that the directory's synchronisation can be exercised against every failure it must survive.
// Development and tests only: main.ts refuses NODE_ENV=production.
import type { AddressInfo } from "node:net";
import Fastify, { type FastifyReply, type FastifyRequest } from "fastify";
import { ADMIN_PREFIX, applyFaults, DEFAULT_FAULTS, type Faults, registerFaults } from "./faults.ts";
import { CATEGORIES, ddMMyyyy, eventDocuments, placeDocuments } from "./fixtures.ts";
// Notification web services (issue 11, notifications engineer): routes in their own file.
import { registerNotifications } from "./notifications.ts";

export type { Faults } from "./faults.ts";

export const DEFAULT_CREDENTIALS = {
  username: "parvis",
  password: "dev-only-strasbourg-eu-api-password-0123456789",
};

export interface StrasbourgEuSimulatorOptions {
  /** 0 = random port (tests). */
  port?: number;
  host?: string;
  /** HTTP Basic credentials the agenda endpoints accept. */
  credentials?: { username: string; password: string };
  faults?: Partial<Faults>;
  /** The day events are dated from (default: today). */
  today?: Date;
}

export type RecordKind = "places" | "events";

export interface StrasbourgEuSimulator {
  url: string;
  readonly faults: Faults;
  setFaults(patch: Partial<Faults>): void;
  /** Appends a raw record (valid or not) to a listing. */
  addRecord(kind: RecordKind, record: unknown): void;
  /** Removes a record by id from a listing; false when absent. */
  removeRecord(kind: RecordKind, id: string): boolean;
  /** Changes fields of a record (for tests of updates). */
  updateRecord(kind: RecordKind, id: string, patch: Record<string, unknown>): boolean;
  /** Back to the fixtures. */
  reset(): void;
  /** Requests received per path (admin ones excluded). */
  readonly requests: Map<string, number>;
  close(): Promise<void>;
}

const BASE = "/api/jsonws";

/** Liferay answers errors as JSON objects with an `exception` message. */
function exception(reply: FastifyReply, status: number, message: string) {
  return reply.code(status).send({ exception: message, throwable: message });
}

function authorized(request: FastifyRequest, credentials: { username: string; password: string }): boolean {
  const header = request.headers.authorization ?? "";
  if (!header.startsWith("Basic ")) return false;
  const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  return (
    separator > 0 &&
    decoded.slice(0, separator) === credentials.username &&
    decoded.slice(separator + 1) === credentials.password
  );
}

const normalize = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();

const frenchName = (record: Record<string, unknown>, key: string) => {
  const value = record[key];
  if (typeof value === "string") return value;
  if (value && typeof value === "object") return String((value as Record<string, unknown>).fr_FR ?? "");
  return "";
};

const strip = (event: Record<string, unknown>) => {
  const { _placeSig: _internal, ...rest } = event;
  return rest;
};

export async function startStrasbourgEuSimulator(
  options: StrasbourgEuSimulatorOptions = {},
): Promise<StrasbourgEuSimulator> {
  const credentials = options.credentials ?? DEFAULT_CREDENTIALS;
  const state = {
    faults: applyFaults({ ...DEFAULT_FAULTS }, options.faults ?? {}),
    places: placeDocuments() as unknown[],
    events: eventDocuments(options.today) as unknown[],
  };
  const requests = new Map<string, number>();
  const app = Fastify({ logger: false });

  registerFaults(app, state, (reply) =>
    reply
      .code(503)
      .header("Retry-After", "30")
      .type("text/html; charset=utf-8")
      .send(
        '<!doctype html><html lang="fr"><title>Service indisponible</title><p>Strasbourg.eu est momentanément indisponible.</p></html>',
      ),
  );
  app.addHook("onRequest", async (request) => {
    if (request.url.startsWith(`${ADMIN_PREFIX}/`)) return;
    const path = request.url.split("?")[0] ?? request.url;
    requests.set(path, (requests.get(path) ?? 0) + 1);
  });

  // Notification web services (types, channels, settings, add): HTTP Basic like the agenda; see notifications.ts.
  registerNotifications(app, (request) => authorized(request, credentials));

  const records = (kind: RecordKind) =>
    state[kind].filter((r): r is Record<string, unknown> => typeof r === "object" && r !== null);
  const places = () => state.places;
  const events = () =>
    state.events.map((event) =>
      event && typeof event === "object" ? strip(event as Record<string, unknown>) : event,
    );

  // ---- places (public) ------------------------------------------------------------------------------------------
  app.get(`${BASE}/place.place/get-places`, async () => places());
  app.get<{ Params: { id: string } }>(
    `${BASE}/place.place/get-place-by-id/id/:id`,
    async (request, reply) => {
      const found = records("places").find((place) => String(place.id) === request.params.id);
      return found ?? exception(reply, 404, `No Place exists with the primary key ${request.params.id}`);
    },
  );
  app.get<{ Params: { sig: string } }>(
    `${BASE}/place.place/get-place-by-id-sig/sig-id/:sig`,
    async (request, reply) => {
      const found = records("places").find((place) => place.idSurfs === request.params.sig);
      return found ?? exception(reply, 404, `No Place exists with the SIG id ${request.params.sig}`);
    },
  );
  app.get<{ Params: { name: string; language: string } }>(
    `${BASE}/place.place/get-places-by-name-and-language/name/:name/language/:language`,
    async (request) =>
      records("places").filter((place) =>
        normalize(frenchName(place, "name")).includes(normalize(request.params.name)),
      ),
  );
  const inTerritory = (place: Record<string, unknown>, territory: string) =>
    place.districtCode === territory || place.cityCode === territory;
  const ofType = (place: Record<string, unknown>, type: string) =>
    Array.isArray(place.types) && place.types.includes(type);
  app.get<{ Params: { territory: string } }>(
    `${BASE}/place.place/get-places-by-territory/territory-id/:territory`,
    async (request) => records("places").filter((place) => inTerritory(place, request.params.territory)),
  );
  app.get<{ Params: { type: string } }>(
    `${BASE}/place.place/get-places-by-type/type-id/:type`,
    async (request) => records("places").filter((place) => ofType(place, request.params.type)),
  );
  app.get<{ Params: { territory: string; type: string } }>(
    `${BASE}/place.place/get-places-by-territory-and-type/territory-id/:territory/type-id/:type`,
    async (request) =>
      records("places").filter(
        (place) => inTerritory(place, request.params.territory) && ofType(place, request.params.type),
      ),
  );

  // ---- agenda (HTTP Basic) ---------------------------------------------------------------------------------------
  app.register(async (agenda) => {
    agenda.addHook("onRequest", async (request, reply) => {
      if (!authorized(request, credentials)) {
        reply.header("WWW-Authenticate", 'Basic realm="PortalRealm"');
        return exception(reply, 401, "Authenticated access required");
      }
    });
    agenda.get(`${BASE}/agenda.event/get-events`, async () => events());
    agenda.get<{ Params: { id: string } }>(
      `${BASE}/agenda.event/get-event/id/:id`,
      async (request, reply) => {
        const found = records("events").find((event) => String(event.id) === request.params.id);
        return found
          ? strip(found)
          : exception(reply, 404, `No Event exists with the primary key ${request.params.id}`);
      },
    );
    agenda.get<{ Params: { id: string } }>(
      `${BASE}/agenda.event/get-events-by-category/category-id/:id`,
      async (request) =>
        records("events")
          .filter((event) => Array.isArray(event.categories) && event.categories.includes(request.params.id))
          .map(strip),
    );
    agenda.get<{ Params: { date: string } }>(
      `${BASE}/agenda.event/get-events-by-date/date/:date`,
      async (request, reply) => {
        const match = /^(\d{2})(\d{2})(\d{4})$/.exec(request.params.date);
        if (!match) return exception(reply, 400, "Date attendue au format ddMMyyyy");
        const day = `${match[3]}-${match[2]}-${match[1]}`;
        return records("events")
          .filter((event) =>
            (Array.isArray(event.periods) ? event.periods : []).some(
              (period: { startDate?: string; endDate?: string }) =>
                (period.startDate ?? "") <= day && day <= (period.endDate ?? ""),
            ),
          )
          .map(strip);
      },
    );
    agenda.get<{ Params: { language: string } }>(
      `${BASE}/agenda.event/get-events-by-language/language/:language`,
      async (request) =>
        records("events")
          .filter((event) => {
            const title = event.title as Record<string, string> | undefined;
            return Boolean(title?.[request.params.language]);
          })
          .map(strip),
    );
    agenda.get<{ Params: { sig: string } }>(
      `${BASE}/agenda.event/get-events-by-place/place-sig-id/:sig`,
      async (request) =>
        records("events")
          .filter((event) => event._placeSig === request.params.sig)
          .map(strip),
    );
    agenda.get(`${BASE}/agenda.event/get-types`, async () => CATEGORIES.types);
    agenda.get(`${BASE}/agenda.event/get-themes`, async () => CATEGORIES.themes);
    agenda.get(`${BASE}/agenda.event/get-publics`, async () => CATEGORIES.publics);
    agenda.get(`${BASE}/agenda.event/get-territories`, async () => CATEGORIES.territories);
    agenda.get(`${BASE}/agenda.event/get-services`, async () => CATEGORIES.services);
  });

  // ---- test hooks ---------------------------------------------------------------------------------------------------
  const addRecord = (kind: RecordKind, record: unknown) => {
    state[kind].push(record);
  };
  const removeRecord = (kind: RecordKind, id: string) => {
    const before = state[kind].length;
    state[kind] = state[kind].filter(
      (record) => !(record && typeof record === "object" && String((record as { id?: unknown }).id) === id),
    );
    return state[kind].length < before;
  };
  const updateRecord = (kind: RecordKind, id: string, patch: Record<string, unknown>) => {
    const found = records(kind).find((record) => String(record.id) === id);
    if (!found) return false;
    Object.assign(found, patch);
    return true;
  };
  const reset = () => {
    state.places = placeDocuments();
    state.events = eventDocuments(options.today);
  };
  app.post<{ Params: { kind: RecordKind } }>(`${ADMIN_PREFIX}/records/:kind`, async (request, reply) => {
    if (request.params.kind !== "places" && request.params.kind !== "events")
      return reply.code(404).send({ error: "unknown_kind" });
    addRecord(request.params.kind, request.body);
    return { count: state[request.params.kind].length };
  });
  app.delete<{ Params: { kind: RecordKind; id: string } }>(
    `${ADMIN_PREFIX}/records/:kind/:id`,
    async (request, reply) => {
      if (request.params.kind !== "places" && request.params.kind !== "events")
        return reply.code(404).send({ error: "unknown_kind" });
      return removeRecord(request.params.kind, request.params.id)
        ? { removed: request.params.id }
        : reply.code(404).send({ error: "unknown_record" });
    },
  );
  app.post(`${ADMIN_PREFIX}/reset`, async () => {
    reset();
    return { places: state.places.length, events: state.events.length };
  });
  app.setNotFoundHandler((request, reply) =>
    exception(reply, 404, `No JSON web service action with path ${request.url.split("?")[0]}`),
  );

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
    addRecord,
    removeRecord,
    updateRecord,
    reset,
    requests,
    close: async () => {
      await app.close();
    },
  };
}

export { ddMMyyyy };
