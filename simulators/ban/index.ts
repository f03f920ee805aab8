// A local stand-in for the Base Adresse Nationale's search API (api-adresse.data.gouv.fr, "adresse" API):
//   GET /search/?q=<text>&limit=<1..20>&citycode=<INSEE>&postcode=<code>&type=housenumber|street
// answering a GeoJSON FeatureCollection whose features carry the API's properties (label, score, housenumber, id,
// name, postcode, citycode, x/y left out, city, context, type, importance, street), best score first; errors as
// { code, message } with HTTP 400. It holds a few hundred real Strasbourg and Eurométropole addresses
// (addresses.ts). Matching is simpler than the real engine's (every word of the street name must be in the query;
// the score grows with the share of the query's words found in the label and with an exact house number), but the
// protocol, the shapes and the order are the API's. Fault injection (slow, failing, down) as the other simulators.
import type { AddressInfo } from "node:net";
import Fastify from "fastify";
import {
  ADMIN_PREFIX,
  applyFaults,
  DEFAULT_FAULTS,
  type Faults,
  registerFaults,
} from "../strasbourg-eu/faults.ts";
import { type SimulatedAddress, simulatedAddresses } from "./addresses.ts";

export interface BanSimulatorOptions {
  port?: number;
  host?: string;
  faults?: Partial<Faults>;
}

export interface BanSimulator {
  url: string;
  readonly faults: Faults;
  setFaults(patch: Partial<Faults>): void;
  /** Searches served (to check that callers do or do not ask). */
  readonly searches: number;
  close(): Promise<void>;
}

const STOPWORDS = new Set(["de", "du", "des", "la", "le", "les", "l", "d", "a", "au", "aux", "et"]);
const ABBREVIATIONS: Record<string, string> = {
  bd: "boulevard",
  bld: "boulevard",
  av: "avenue",
  ave: "avenue",
  r: "rue",
  pl: "place",
  rte: "route",
  st: "saint",
  ste: "sainte",
  gal: "general",
  gen: "general",
};

/** Lower case, no accents, punctuation and apostrophes as spaces, common abbreviations expanded. */
export function wordsOf(text: string): string[] {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "")
    .map((word) => ABBREVIATIONS[word] ?? word);
}

interface Feature {
  type: "Feature";
  geometry: { type: "Point"; coordinates: [number, number] };
  properties: Record<string, string | number>;
}

function featureOf(address: SimulatedAddress, score: number, kind: "housenumber" | "street"): Feature {
  const name = kind === "housenumber" ? `${address.housenumber} ${address.street}` : address.street;
  return {
    type: "Feature",
    geometry: { type: "Point", coordinates: [address.lon, address.lat] },
    properties: {
      label: `${name} ${address.postcode} ${address.city}`,
      score: Math.round(score * 1e4) / 1e4,
      ...(kind === "housenumber" ? { housenumber: address.housenumber } : {}),
      id: kind === "housenumber" ? address.id : address.id.replace(/_\d{5}$/, ""),
      name,
      postcode: address.postcode,
      citycode: address.citycode,
      city: address.city,
      context: address.citycode.startsWith("75")
        ? "75, Paris, Île-de-France"
        : address.citycode.startsWith("68")
          ? "68, Haut-Rhin, Grand Est"
          : "67, Bas-Rhin, Grand Est",
      type: kind,
      importance: 0.6,
      street: address.street,
    },
  };
}

/** The search: one best feature per street and city, best score first. */
export function search(
  addresses: readonly SimulatedAddress[],
  query: { q: string; limit: number; citycode?: string; postcode?: string },
): Feature[] {
  const words = wordsOf(query.q);
  const number = /^\d+$/.test(words[0] ?? "") ? words[0] : null;
  const wordSet = new Set(words);
  const byStreet = new Map<string, SimulatedAddress[]>();
  for (const address of addresses) {
    if (query.citycode && address.citycode !== query.citycode) continue;
    if (query.postcode && address.postcode !== query.postcode) continue;
    const streetWords = wordsOf(address.street).filter((word) => !STOPWORDS.has(word));
    if (!streetWords.every((word) => wordSet.has(word))) continue;
    const key = `${address.citycode}|${address.street}`;
    byStreet.set(key, [...(byStreet.get(key) ?? []), address]);
  }
  const features: Feature[] = [];
  for (const candidates of byStreet.values()) {
    const exact = number ? candidates.find((address) => address.housenumber === number) : undefined;
    const chosen = exact ?? candidates[0];
    if (!chosen) continue;
    const kind = exact ? "housenumber" : "street";
    const label = new Set(
      wordsOf(
        `${kind === "housenumber" ? chosen.housenumber : ""} ${chosen.street} ${chosen.postcode} ${chosen.city}`,
      ),
    );
    const significant = words.filter((word) => !STOPWORDS.has(word));
    const found = significant.filter((word) => label.has(word)).length / Math.max(1, significant.length);
    const score = 0.45 + 0.35 * found + (exact ? 0.2 : 0);
    features.push(featureOf(chosen, Math.min(score, 0.99), kind));
  }
  return features
    .sort((a, b) => Number(b.properties.score) - Number(a.properties.score))
    .slice(0, query.limit);
}

export async function startBanSimulator(options: BanSimulatorOptions = {}): Promise<BanSimulator> {
  const state = { faults: applyFaults({ ...DEFAULT_FAULTS }, options.faults ?? {}), searches: 0 };
  const addresses = simulatedAddresses();
  const app = Fastify({ logger: false });
  registerFaults(app, state, (reply) =>
    reply.code(503).send({ code: 503, message: "Service temporairement indisponible." }),
  );
  const badRequest = (message: string) => ({ code: 400, message });
  app.get<{ Querystring: Record<string, string | undefined> }>("/search/", async (request, reply) => {
    const { q = "", limit = "5", citycode, postcode, type } = request.query;
    const text = q.trim();
    if (text.length < 3 || text.length > 200 || !/^[\p{L}\p{N}]/u.test(text)) {
      return reply
        .code(400)
        .send(badRequest("q must contain between 3 and 200 chars and start with a number or a letter"));
    }
    const count = Number(limit);
    if (!Number.isInteger(count) || count < 1 || count > 20) {
      return reply.code(400).send(badRequest("limit must be an integer between 1 and 20"));
    }
    if (citycode !== undefined && !/^\d[\dAB]\d{3}$/.test(citycode)) {
      return reply.code(400).send(badRequest("citycode: invalid INSEE code"));
    }
    if (postcode !== undefined && !/^\d{5}$/.test(postcode)) {
      return reply.code(400).send(badRequest("postcode: invalid postcode"));
    }
    state.searches += 1;
    const features = search(addresses, {
      q: text,
      limit: count,
      ...(citycode ? { citycode } : {}),
      ...(postcode ? { postcode } : {}),
    }).filter((feature) => type === undefined || feature.properties.type === type);
    return {
      type: "FeatureCollection",
      version: "draft",
      features,
      attribution: "BAN",
      licence: "ETALAB-2.0",
      query: text,
      limit: count,
      ...(citycode ? { filters: { citycode } } : {}),
    };
  });
  app.get(`${ADMIN_PREFIX}/health`, async () => ({ ok: true }));
  await app.listen({ port: options.port ?? 0, host: options.host ?? "127.0.0.1" });
  const address = app.server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${address.port}`,
    get faults() {
      return state.faults;
    },
    setFaults(patch) {
      state.faults = applyFaults(state.faults, patch);
    },
    get searches() {
      return state.searches;
    },
    close: () => app.close(),
  };
}
