// OpenDataPortal over the Opendatasoft Explore API v2.1: `GET /api/explore/v2.1/catalog/datasets/{dataset}/records`
// with `limit` (100 at most, the API's cap) and `offset`, page after page until `total_count` records were read.
// The API serves at most 10,000 records through offsets; beyond, the exports endpoint would be needed, so a larger
// dataset is refused rather than silently truncated. Each page goes through the resilience wrapper.
import { z } from "zod";
import type { Config } from "../../../platform/config.ts";
import type { Logger } from "../../../platform/logger.ts";
import { createUpstream } from "../../../platform/resilience/upstream.ts";
import type { OpenDataPortal } from "../ports/upstreams.ts";
import { UnexpectedAnswer } from "./strasbourgEuHttp.ts";

export const PAGE_SIZE = 100;
const OFFSET_CAP = 10_000;

const RecordsPage = z.object({ total_count: z.number().int().min(0), results: z.array(z.unknown()) });

export class DatasetTooLarge extends Error {
  override name = "DatasetTooLarge";
}

export function openDataHttp(deps: { config: Config; log: Logger }): OpenDataPortal {
  const base = `${deps.config.OPENDATA_URL.replace(/\/+$/, "")}/api/explore/v2.1/catalog/datasets`;
  const apiKey = deps.config.OPENDATA_API_KEY;
  const upstream = createUpstream({
    name: "opendata",
    timeoutMs: deps.config.OPENDATA_TIMEOUT_MS,
    retries: 2,
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
    log: deps.log,
  });

  const page = (dataset: string, offset: number) =>
    upstream.call(
      "records",
      async (signal) => {
        const url = `${base}/${encodeURIComponent(dataset)}/records?limit=${PAGE_SIZE}&offset=${offset}`;
        const response = await fetch(url, {
          headers: { accept: "application/json", ...(apiKey ? { authorization: `Apikey ${apiKey}` } : {}) },
          signal,
        });
        if (!response.ok) throw new UnexpectedAnswer(`records answered ${response.status}`);
        return RecordsPage.parse(await response.json());
      },
      { idempotent: true },
    );

  return {
    async records(dataset) {
      const first = await page(dataset, 0);
      if (first.total_count > OFFSET_CAP) {
        throw new DatasetTooLarge(
          `${dataset} has ${first.total_count} records, more than the records endpoint serves`,
        );
      }
      const records = [...first.results];
      while (records.length < first.total_count) {
        const next = await page(dataset, records.length);
        if (next.results.length === 0) break;
        records.push(...next.results);
      }
      return records;
    },
  };
}
