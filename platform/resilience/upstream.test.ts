import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { createMemoryCache } from "../cache/memoryCache.ts";
import { createLogger } from "../logger.ts";
import {
  allUpstreamMetrics,
  createUpstream,
  isUpstreamUnavailable,
  toGraphQLError,
  type UpstreamOptions,
  UpstreamUnavailableError,
} from "./upstream.ts";

const log = createLogger({ level: "silent" });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let counter = 0;
function makeUpstream(overrides: Partial<UpstreamOptions> = {}) {
  counter++;
  return createUpstream({
    name: `test-${counter}`,
    timeoutMs: 50,
    retries: 2,
    breaker: { consecutiveFailures: 100, halfOpenAfterMs: 50 },
    backoff: { initialDelayMs: 1, maxDelayMs: 5 },
    log,
    ...overrides,
  });
}

/** A fake upstream function that counts its calls and plays a script of outcomes (the last one repeats). */
function fake<T>(...outcomes: Array<T | Error | "hang">) {
  const fn = async (signal: AbortSignal): Promise<T> => {
    const outcome = outcomes[Math.min(fn.calls, outcomes.length - 1)];
    fn.calls++;
    fn.signals.push(signal);
    if (outcome === "hang") return new Promise<T>(() => {});
    if (outcome instanceof Error) throw outcome;
    return outcome as T;
  };
  fn.calls = 0;
  fn.signals = [] as AbortSignal[];
  return fn;
}

async function unavailable(promise: Promise<unknown>): Promise<UpstreamUnavailableError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamUnavailableError);
  return error as UpstreamUnavailableError;
}

describe("upstream call", () => {
  it("returns the function's value and counts a success", async () => {
    const upstream = makeUpstream();
    const fn = fake({ name: "Cathédrale" });
    await expect(upstream.call("lieu", fn, { idempotent: true })).resolves.toEqual({ name: "Cathédrale" });
    const metrics = upstream.metrics();
    expect(metrics).toMatchObject({
      calls: 1,
      successes: 1,
      failures: 0,
      attempts: 1,
      retries: 0,
      breaker: "closed",
    });
    expect(metrics.latencyMs.count).toBe(1);
  });

  it("times out an attempt, aborts its signal and reports kind timeout", async () => {
    const upstream = makeUpstream({ timeoutMs: 30, retries: 0 });
    const fn = fake("hang");
    const started = Date.now();
    const error = await unavailable(upstream.call("slow", fn, { idempotent: true }));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error).toMatchObject({ kind: "timeout", upstream: upstream.name, operation: "slow" });
    expect(fn.signals[0]?.aborted).toBe(true);
    expect(upstream.metrics()).toMatchObject({ timeouts: 1, failures: 1, unavailable: 1 });
  });

  it("counts a function that rejects on abort as a timeout too", async () => {
    const upstream = makeUpstream({ timeoutMs: 20, retries: 0 });
    const fn = (signal: AbortSignal) =>
      new Promise<never>((_, reject) =>
        signal.addEventListener("abort", () => reject(new Error("AbortError"))),
      );
    const error = await unavailable(upstream.call("slow", fn, { idempotent: true }));
    expect(error.kind).toBe("timeout");
    expect(upstream.metrics().timeouts).toBe(1);
  });

  it("retries an idempotent call with backoff until it succeeds", async () => {
    const upstream = makeUpstream({ retries: 2 });
    const fn = fake<string>(new Error("503"), new Error("503"), "ok");
    await expect(upstream.call("read", fn, { idempotent: true })).resolves.toBe("ok");
    expect(fn.calls).toBe(3);
    expect(upstream.metrics()).toMatchObject({ attempts: 3, retries: 2, successes: 1, failures: 0 });
  });

  it("gives up after the configured retries", async () => {
    const upstream = makeUpstream({ retries: 2 });
    const fn = fake<string>(new Error("503"));
    const error = await unavailable(upstream.call("read", fn, { idempotent: true }));
    expect(error.kind).toBe("failure");
    expect(error.cause).toBeInstanceOf(Error);
    expect(fn.calls).toBe(3);
  });

  it("never retries a non-idempotent call", async () => {
    const upstream = makeUpstream({ retries: 5 });
    const fn = fake<string>(new Error("503"), "ok");
    await unavailable(upstream.call("submit", fn, { idempotent: false }));
    expect(fn.calls).toBe(1);
    expect(upstream.metrics()).toMatchObject({ attempts: 1, retries: 0 });
  });

  it("opens the breaker after N consecutive failures, stops calling, then half-opens", async () => {
    const upstream = makeUpstream({ retries: 0, breaker: { consecutiveFailures: 3, halfOpenAfterMs: 60 } });
    const fn = fake<string>(new Error("down"), new Error("down"), new Error("down"), "back");
    for (let i = 0; i < 3; i++) await unavailable(upstream.call("read", fn, { idempotent: true }));
    expect(upstream.metrics().breaker).toBe("open");

    const error = await unavailable(upstream.call("read", fn, { idempotent: true }));
    expect(error.kind).toBe("circuit_open");
    expect(fn.calls).toBe(3); // refused without calling the upstream
    expect(upstream.metrics()).toMatchObject({ shortCircuited: 1, failures: 4 });

    await sleep(90);
    await expect(upstream.call("read", fn, { idempotent: true })).resolves.toBe("back");
    expect(upstream.metrics().breaker).toBe("closed");
  });

  it("stops retrying as soon as the breaker opens", async () => {
    const upstream = makeUpstream({
      retries: 10,
      breaker: { consecutiveFailures: 2, halfOpenAfterMs: 10_000 },
    });
    const fn = fake<string>(new Error("down"));
    const error = await unavailable(upstream.call("read", fn, { idempotent: true }));
    expect(error.kind).toBe("circuit_open");
    expect(fn.calls).toBe(2);
  });
});

describe("upstream cache", () => {
  const options = { idempotent: true, cacheKey: "lieu:42", freshSeconds: 60, staleSeconds: 600 };

  it("serves a fresh cached value without calling the upstream", async () => {
    const upstream = makeUpstream({ cache: createMemoryCache({ maxEntries: 100 }) });
    const fn = fake({ id: 42 });
    await upstream.call("lieu", fn, options);
    await expect(upstream.call("lieu", fn, options)).resolves.toEqual({ id: 42 });
    expect(fn.calls).toBe(1);
    expect(upstream.metrics()).toMatchObject({ calls: 2, successes: 1, cacheHits: { fresh: 1, stale: 0 } });
  });

  it("calls again once the value is no longer fresh, and serves it stale when the upstream fails", async () => {
    const upstream = makeUpstream({ cache: createMemoryCache({ maxEntries: 100 }), retries: 0 });
    const fn = fake<{ id: number }>({ id: 42 }, new Error("down"));
    const staleOptions = { ...options, freshSeconds: 0.02 };
    await upstream.call("lieu", fn, staleOptions);
    await sleep(40);
    await expect(upstream.call("lieu", fn, staleOptions)).resolves.toEqual({ id: 42 });
    expect(fn.calls).toBe(2);
    expect(upstream.metrics()).toMatchObject({
      failures: 1,
      unavailable: 0,
      cacheHits: { fresh: 0, stale: 1 },
    });
  });

  it("serves stale while the breaker is open", async () => {
    const cache = createMemoryCache({ maxEntries: 100 });
    const upstream = makeUpstream({
      cache,
      retries: 0,
      breaker: { consecutiveFailures: 1, halfOpenAfterMs: 10_000 },
    });
    const fn = fake<string>("v1", new Error("down"));
    const noFresh = { ...options, freshSeconds: 0 };
    await upstream.call("lieu", fn, noFresh);
    await expect(upstream.call("lieu", fn, noFresh)).resolves.toBe("v1"); // failure opens the breaker
    await expect(upstream.call("lieu", fn, noFresh)).resolves.toBe("v1"); // refused, served stale
    expect(fn.calls).toBe(2);
    expect(upstream.metrics()).toMatchObject({ shortCircuited: 1, cacheHits: { stale: 2 } });
  });

  it("throws once the cached value is past its stale window", async () => {
    const upstream = makeUpstream({ cache: createMemoryCache({ maxEntries: 100 }), retries: 0 });
    const fn = fake<string>("v1", new Error("down"));
    const short = { ...options, freshSeconds: 0.01, staleSeconds: 0.02 };
    await upstream.call("lieu", fn, short);
    await sleep(60);
    await unavailable(upstream.call("lieu", fn, short));
  });

  it("revives cached JSON with parse, and treats an unparsable entry as a miss", async () => {
    const cache = createMemoryCache({ maxEntries: 100 });
    const upstream = makeUpstream({ cache });
    // A Date goes through the cache as JSON text; parse turns it back into a Date (or validates with zod).
    const fn = fake({ when: new Date("2026-06-21") });
    const parse = (raw: string) => {
      const value = JSON.parse(raw) as { when: string };
      return { when: new Date(value.when) };
    };
    await upstream.call("fete", fn, { ...options, cacheKey: "fete", parse });
    const hit = await upstream.call("fete", fn, { ...options, cacheKey: "fete", parse });
    expect(hit.when).toEqual(new Date("2026-06-21"));
    expect(upstream.metrics().cacheHits.fresh).toBe(1);

    await cache.set(`upstream:${upstream.name}:fete`, "not json");
    await upstream.call("fete", fn, { ...options, cacheKey: "fete" });
    expect(fn.calls).toBe(2);
  });

  it("keeps working when the cache itself fails", async () => {
    const cache = createMemoryCache({ maxEntries: 100 });
    await cache.close();
    const upstream = makeUpstream({ cache });
    await expect(upstream.call("lieu", fake("ok"), options)).resolves.toBe("ok");
  });
});

describe("errors and registry", () => {
  it("turns UpstreamUnavailableError into UPSTREAM_UNAVAILABLE and leaves other errors alone", () => {
    const error = new UpstreamUnavailableError("sirene", "entreprise", "timeout");
    expect(isUpstreamUnavailable(error)).toBe(true);
    const graphQLError = toGraphQLError(error);
    expect(graphQLError).toBeInstanceOf(GraphQLError);
    expect(graphQLError.extensions).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", upstream: "sirene" });
    const other = new Error("boom");
    expect(isUpstreamUnavailable(other)).toBe(false);
    expect(toGraphQLError(other)).toBe(other);
  });

  it("lists every upstream's metrics by name", async () => {
    const upstream = makeUpstream();
    await upstream.call("ping", fake("pong"), { idempotent: true });
    const all = allUpstreamMetrics();
    expect(all[upstream.name]).toMatchObject({ name: upstream.name, calls: 1, successes: 1 });
    const buckets = all[upstream.name]?.latencyMs.buckets ?? [];
    expect(buckets.at(-1)).toEqual({ le: "+Inf", count: 1 });
  });
});
