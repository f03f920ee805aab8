// The outbox port every emitting subgraph exposes to the notifications worker: the internal operations of
// sdl/outbox.graphql (`_claimEvents`, `_acknowledgeEvents`, `_failEvent`, `_replayDeadLettered`,
// `_deadLetteredEvents`), resolved on the subgraph's own outbox table (outboxStore.ts) and allowed to the system
// caller only. A subgraph adds them in one line: `export const reports = withOutbox({ … })` in its server.ts. The
// worker finds the emitting subgraphs by the presence of `_claimEvents` (read by `npm run compose` into
// schema/capabilities.json), so nothing has to be listed anywhere else — and no subgraph ever touches another's
// outbox table.
import { readFileSync } from "node:fs";
import { type DocumentNode, Kind, parse } from "graphql";
import type { IRules } from "graphql-shield";
import type { SubgraphContext } from "./context.ts";
import { badUserInput } from "./errors.ts";
import { isUuid } from "./ids.ts";
import { createOutboxStore, type StoredOutboxEvent } from "./outboxStore.ts";
import { isSystem } from "./permissions.ts";
import { registerEventCache, withEventScope } from "./publicCache.ts";
import type { SubgraphModule } from "./subgraphServer.ts";

/** The SDL merged into every emitting subgraph's schema. */
export const OUTBOX_TYPE_DEFS: DocumentNode = parse(
  readFileSync(new URL("./sdl/outbox.graphql", import.meta.url), "utf8"),
);

const MAX_CLAIM = 500;
const MAX_LEASE_MS = 24 * 3_600_000;
const MAX_RETRY_MS = 30 * 24 * 3_600_000;
const MAX_IDS = 1000;

function ids(values: readonly string[], argument: string): string[] {
  if (values.length > MAX_IDS) throw badUserInput("Trop d'identifiants.", { argument });
  for (const value of values) if (!isUuid(value)) throw badUserInput("Identifiant invalide.", { argument });
  return [...values];
}

function intIn(value: number, min: number, max: number, argument: string): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw badUserInput(`Valeur hors limites (${min} à ${max}).`, { argument });
  return value;
}

const view = (event: StoredOutboxEvent) => ({ ...event, payload: JSON.stringify(event.payload) });

/** Resolvers of the outbox operations on the outbox of `schema`. */
export function outboxResolvers(schema: string) {
  const store = (ctx: SubgraphContext) => createOutboxStore(ctx.db, schema);
  return {
    Query: {
      _deadLetteredEvents: async (_: unknown, args: { first?: number | null }, ctx: SubgraphContext) =>
        (await store(ctx).deadLettered(intIn(args.first ?? 100, 1, MAX_IDS, "first"))).map(view),
    },
    Mutation: {
      _claimEvents: async (_: unknown, args: { limit: number; leaseMs: number }, ctx: SubgraphContext) =>
        (
          await store(ctx).claim(
            intIn(args.limit, 1, MAX_CLAIM, "limit"),
            intIn(args.leaseMs, 1, MAX_LEASE_MS, "leaseMs"),
          )
        ).map(view),
      _acknowledgeEvents: (_: unknown, args: { ids: string[] }, ctx: SubgraphContext) =>
        store(ctx).acknowledge(ids(args.ids, "ids")),
      _failEvent: (
        _: unknown,
        args: { id: string; error: string; retryInMs?: number | null; deadLetter?: boolean | null },
        ctx: SubgraphContext,
      ) => {
        const [id] = ids([args.id], "id") as [string];
        const deadLetter = args.deadLetter === true;
        if (deadLetter === (args.retryInMs !== null && args.retryInMs !== undefined))
          throw badUserInput("Indiquer soit retryInMs, soit deadLetter: true.", { argument: "retryInMs" });
        return store(ctx).fail(
          id,
          args.error,
          deadLetter
            ? { deadLetter: true }
            : { retryInMs: intIn(args.retryInMs as number, 0, MAX_RETRY_MS, "retryInMs") },
        );
      },
      _replayDeadLettered: async (_: unknown, args: { ids?: string[] | null }, ctx: SubgraphContext) => {
        const replayed = await store(ctx).replayDeadLettered(args.ids ? ids(args.ids, "ids") : null);
        ctx.log.info({ replayed }, "dead-lettered outbox events replayed");
        return replayed;
      },
    },
  };
}

/** Only the platform's own jobs (the notifications worker, signed as the system caller) reach the outbox. */
export const OUTBOX_PERMISSIONS = {
  Query: { _deadLetteredEvents: isSystem },
  Mutation: {
    _claimEvents: isSystem,
    _acknowledgeEvents: isSystem,
    _failEvent: isSystem,
    _replayDeadLettered: isSystem,
  },
  OutboxEvent: isSystem,
} as const;

type RuleMap = Record<string, unknown>;

function mergeRuleMaps(rules: IRules, extra: Record<string, unknown>): IRules {
  const merged: RuleMap = { ...(rules as RuleMap) };
  for (const [type, value] of Object.entries(extra)) {
    const existing = merged[type];
    if (existing === undefined) merged[type] = value;
    else if (typeof existing === "object" && existing !== null && !("resolve" in existing))
      merged[type] = { ...(existing as RuleMap), ...(value as RuleMap) };
    else throw new Error(`withOutbox: the permissions of ${type} must be a map of field rules`);
  }
  return merged as IRules;
}

/** Checks what the merged SDL relies on, so a subgraph missing it fails at start-up with a clear message. */
function checkHost(name: string, typeDefs: DocumentNode): void {
  const text = JSON.stringify(typeDefs.definitions.filter((d) => d.kind === Kind.SCHEMA_EXTENSION));
  const missing = ["@shareable", "@inaccessible"].filter((directive) => !text.includes(`"${directive}"`));
  const hasDateTime = typeDefs.definitions.some(
    (d) => d.kind === Kind.SCALAR_TYPE_DEFINITION && d.name.value === "DateTime",
  );
  if (missing.length > 0 || !hasDateTime)
    throw new Error(
      `withOutbox(${name}): its schema.graphql must import ${missing.join(", ") || "the federation directives"} and declare scalar DateTime`,
    );
}

type Resolver = (parent: unknown, args: unknown, ctx: SubgraphContext, info: unknown) => unknown;

/**
 * Runs each of the subgraph's mutations in an event scope, so that the public response cache is invalidated for
 * the events it recorded once its transaction has committed (publicCache.ts).
 */
function invalidatingAfterCommit(mutations: object | undefined): Record<string, unknown> {
  const wrap =
    (resolve: Resolver): Resolver =>
    (parent, args, ctx, info) =>
      withEventScope(ctx.cache, ctx.log, () => resolve(parent, args, ctx, info));
  return Object.fromEntries(
    Object.entries((mutations ?? {}) as Record<string, unknown>).map(([field, resolver]) => {
      if (typeof resolver === "function") return [field, wrap(resolver as Resolver)];
      if (
        resolver &&
        typeof resolver === "object" &&
        typeof (resolver as { resolve?: unknown }).resolve === "function"
      )
        return [field, { ...resolver, resolve: wrap((resolver as { resolve: Resolver }).resolve) }];
      return [field, resolver];
    }),
  );
}

/**
 * Adds the outbox port to an emitting subgraph: the SDL of sdl/outbox.graphql, its resolvers on the subgraph's own
 * "<name>".outbox_event table, and the system-only permissions. Its mutations also invalidate the gateway's public
 * response cache for the events they record, after commit (publicCache.ts).
 */
export function withOutbox<Loaders extends object, Services>(
  module: SubgraphModule<Loaders, Services>,
): SubgraphModule<Loaders, Services> {
  checkHost(module.name, module.typeDefs);
  const resolvers = outboxResolvers(module.name);
  return {
    ...module,
    typeDefs: {
      kind: Kind.DOCUMENT,
      definitions: [...module.typeDefs.definitions, ...OUTBOX_TYPE_DEFS.definitions],
    },
    resolvers: {
      ...module.resolvers,
      Query: { ...(module.resolvers.Query as object), ...resolvers.Query },
      Mutation: { ...invalidatingAfterCommit(module.resolvers.Mutation as object), ...resolvers.Mutation },
    },
    permissions: mergeRuleMaps(module.permissions, OUTBOX_PERMISSIONS),
    // Events recorded outside a mutation (the subgraph's own timers) invalidate this cache a moment later.
    createServices: (deps) => {
      registerEventCache(deps.cache);
      return module.createServices?.(deps) as Services;
    },
  };
}
