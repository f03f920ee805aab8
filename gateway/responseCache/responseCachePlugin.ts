// The public response cache (RESPONSE_CACHE=true): whole responses to anonymous queries over public data, kept in
// the cache port (Redis in production) for the maxAge of their `@cacheControl` hints (policy.ts), and invalidated
// by the domain events of the types they selected (platform/publicCache.ts).
//
// Only anonymous callers: every anonymous caller gets the same answer to the same operation, which is what makes
// a shared entry correct; a signed-in caller's answer may depend on who they are. Only queries; never a response
// with errors. A hit is answered in `responseForOperation`, after the limits, the trusted-documents check and the
// rate limits of didResolveOperation have run, so a cached answer costs a client as much of its budget as any
// other. Responses carry `x-parvis-cache: hit|miss` (absent when the operation may not be cached) and, on a hit,
// `age`. The cache is best effort: an unreachable cache port turns into plain execution.
import { createHash } from "node:crypto";
import {
  type ApolloServerPlugin,
  type GraphQLRequestContext,
  type GraphQLResponse,
  HeaderMap,
} from "@apollo/server";
import { ApolloServerPluginCacheControl } from "@apollo/server/plugin/cacheControl";
import { type FormattedExecutionResult, type GraphQLSchema, print, printSchema } from "graphql";
import { LRUCache } from "lru-cache";
import { type Cache, getMany } from "../../platform/cache/cache.ts";
import type { Logger } from "../../platform/logger.ts";
import { ALL_TYPES, versionKey } from "../../platform/publicCache.ts";
import { recordResponseCacheLookup } from "../../platform/telemetry/metrics.ts";
import type { GatewayContext } from "../dataSources.ts";
import { type CacheHints, type OperationPolicy, operationPolicy } from "./policy.ts";

export const CACHE_STATUS_HEADER = "x-parvis-cache";
const ENTRY_KEY_PREFIX = "rc:e:";
const POLICY_CACHE_SIZE = 2_000;

export interface ResponseCacheDeps {
  cache: Cache;
  log: Logger;
  hints: CacheHints;
  /** Upper bound on any entry's ttl, whatever the hints say (RESPONSE_CACHE_MAX_AGE_SECONDS). */
  maxAgeCapSeconds: number;
  now?: () => number;
}

type Cacheable = Extract<OperationPolicy, { cacheable: true }> & { normalized: string };

interface StoredResponse {
  /** When it was stored (ms since the epoch), for the Age header. */
  at: number;
  result: FormattedExecutionResult;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** JSON with object keys sorted, so that `{a, b}` and `{b, a}` variables share an entry. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  return JSON.stringify(value) ?? "null";
}

export function responseCachePlugin(deps: ResponseCacheDeps): ApolloServerPlugin<GatewayContext> {
  const now = deps.now ?? Date.now;
  const log = deps.log.child({ component: "response-cache" });
  // Policies are computed once per document and operation (the schema is static); so is the schema's id, which
  // keeps a new deployment from answering with entries shaped by the previous schema.
  const policies = new LRUCache<string, Cacheable | { cacheable: false }>({ max: POLICY_CACHE_SIZE });
  const schemaIds = new WeakMap<GraphQLSchema, string>();
  const schemaId = (schema: GraphQLSchema) => {
    let id = schemaIds.get(schema);
    if (!id) {
      id = sha256(printSchema(schema)).slice(0, 16);
      schemaIds.set(schema, id);
    }
    return id;
  };

  const policyFor = (context: GraphQLRequestContext<GatewayContext>) => {
    const { document, operation, source, schema } = context;
    if (!document || !operation || source === undefined) return undefined;
    const id = `${schemaId(schema)}\n${context.operationName ?? ""}\n${source}`;
    let policy = policies.get(id);
    if (!policy) {
      const computed = operationPolicy(schema, document, operation, deps.hints);
      policy = computed.cacheable
        ? {
            ...computed,
            maxAge: Math.min(computed.maxAge, deps.maxAgeCapSeconds),
            normalized: print(document),
          }
        : { cacheable: false };
      policies.set(id, policy);
    }
    return policy.cacheable ? policy : undefined;
  };

  return {
    async requestDidStart() {
      let pending: { key: string; ttlSeconds: number } | undefined;
      let hit = false;
      return {
        async responseForOperation(context): Promise<GraphQLResponse | null> {
          if (context.contextValue.caller.kind !== "anonymous") return null;
          if (context.operation?.operation !== "query") return null;
          const policy = policyFor(context);
          if (!policy) return null;
          try {
            const types = [ALL_TYPES, ...policy.types];
            const versions = await getMany(deps.cache, types.map(versionKey));
            const key =
              ENTRY_KEY_PREFIX +
              sha256(
                [
                  schemaId(context.schema),
                  context.operationName ?? "",
                  policy.normalized,
                  stableJson(context.request.variables ?? {}),
                  types.map((type, i) => `${type}=${versions[i] ?? "0"}`).join(","),
                ].join("\n"),
              );
            const stored = await deps.cache.get(key);
            if (stored === undefined) {
              pending = { key, ttlSeconds: policy.maxAge };
              recordResponseCacheLookup("miss");
              return null;
            }
            const { at, result } = JSON.parse(stored) as StoredResponse;
            hit = true;
            recordResponseCacheLookup("hit");
            const headers = new HeaderMap([
              [CACHE_STATUS_HEADER, "hit"],
              ["age", String(Math.max(0, Math.floor((now() - at) / 1000)))],
            ]);
            return { http: { status: undefined, headers }, body: { kind: "single", singleResult: result } };
          } catch (error) {
            log.warn({ err: error }, "response cache unavailable; executing the operation");
            return null;
          }
        },

        async willSendResponse(context) {
          if (hit || !pending) return;
          const { response } = context;
          response.http.headers.set(CACHE_STATUS_HEADER, "miss");
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          if ((result.errors?.length ?? 0) > 0 || result.data == null) return;
          if (response.http.status !== undefined && response.http.status !== 200) return;
          const stored: StoredResponse = { at: now(), result: { data: result.data } };
          await deps.cache
            .set(pending.key, JSON.stringify(stored), { ttlSeconds: pending.ttlSeconds })
            .catch((error) => log.warn({ err: error }, "could not store a response in the cache"));
        },
      };
    },
  };
}

/**
 * Keeps HTTP caches (browsers, proxies, CDNs) out, whatever the hints say: they cannot be invalidated by domain
 * events, and a `public` answer to a signed-in caller's GET could be shared. Without this, in distributed mode
 * Apollo's cache-control plugin turns the subgraphs' Cache-Control headers (computed from the same @cacheControl
 * hints) into `max-age=…, public` on the gateway's answers. Installed whether the response cache is on or not.
 */
export function noHttpCachingPlugins(): ApolloServerPlugin<GatewayContext>[] {
  return [
    ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
    {
      async requestDidStart() {
        return {
          async willSendResponse({ response }) {
            response.http.headers.set("cache-control", "no-store");
          },
        };
      },
    },
  ];
}
