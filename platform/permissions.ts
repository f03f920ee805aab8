// Authorization helpers shared by every subgraph's permissions.ts. Shield denies whatever is not allowed
// (fallbackRule: deny). Rules that depend only on the caller are cached per request ("contextual"); rules that
// read the parent object or arguments must use cache "no_cache" so they are evaluated for each object.
import { type GraphQLSchema, isObjectType } from "graphql";
import type { Caller, Role } from "./caller.ts";
import type { SubgraphContext } from "./context.ts";
import { forbidden, unauthenticated } from "./errors.ts";
import { allow, applyMiddleware, deny, type IRules, rule, shield } from "./shield.ts";

export { allow, and, chain, deny, not, or, rule } from "./shield.ts";

type Ctx = SubgraphContext;

export const isAuthenticated = rule({ cache: "contextual" })((_parent, _args, ctx: Ctx) =>
  ctx.caller.kind === "anonymous" ? unauthenticated() : true,
);

export const hasRole = (role: Role) =>
  rule(`hasRole:${role}`, { cache: "contextual" })((_parent, _args, ctx: Ctx) => {
    if (ctx.caller.kind === "anonymous") return unauthenticated();
    return ctx.caller.roles.includes(role) ? true : forbidden();
  });

export const hasScope = (scope: string) =>
  rule(`hasScope:${scope}`, { cache: "contextual" })((_parent, _args, ctx: Ctx) => {
    if (ctx.caller.kind === "anonymous") return unauthenticated();
    return ctx.caller.scopes.includes(scope) ? true : forbidden();
  });

/** True for city staff of any kind (agents, moderators, the data-protection officer, administrators). */
export function isStaffCaller(caller: Caller): boolean {
  return caller.kind === "staff";
}

export const isStaff = rule({ cache: "contextual" })((_parent, _args, ctx: Ctx) => {
  if (ctx.caller.kind === "anonymous") return unauthenticated();
  return isStaffCaller(ctx.caller) ? true : forbidden();
});

/** The platform's own jobs (signed by the gateway process as the system caller). */
export const isSystem = rule({ cache: "contextual" })((_parent, _args, ctx: Ctx) =>
  ctx.caller.kind === "system" ? true : forbidden(),
);

/** The federation fields every subgraph must expose to the gateway (the caller header already gates them). */
const FEDERATION_RULES: IRules = {
  Query: { _service: allow, _entities: allow },
  _Service: allow,
};

/** Wraps a subgraph schema with its permissions; anything not listed is denied. */
export function applyPermissions(schema: GraphQLSchema, rules: IRules): GraphQLSchema {
  const merged = mergeRules(FEDERATION_RULES, rules);
  const shielded = applyMiddleware(
    schema,
    shield(merged, {
      fallbackRule: deny,
      fallbackError: forbidden(),
      allowExternalErrors: true,
      debug: false,
    }),
  );
  unwrapAllowedFields(schema, shielded, merged);
  return shielded;
}

const isRuleMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * Shield wraps every field, even those whose rule is `allow`, and its wrapper makes each of them asynchronous: a
 * list of 50 quartiers then costs graphql-js a promise per field and per object, for a check that always passes
 * (measured in bench/README.md). Fields whose effective rule is exactly `allow` get their own resolver back —
 * the same answer, synchronously; every other field keeps shield's check.
 */
function unwrapAllowedFields(original: GraphQLSchema, shielded: GraphQLSchema, rules: IRules): void {
  for (const [typeName, type] of Object.entries(shielded.getTypeMap())) {
    if (typeName.startsWith("__") || !isObjectType(type)) continue;
    const originalType = original.getType(typeName);
    if (!isObjectType(originalType)) continue;
    const typeRules = (rules as Record<string, unknown>)[typeName];
    for (const [fieldName, field] of Object.entries(type.getFields())) {
      const rule = isRuleMap(typeRules) ? (typeRules[fieldName] ?? typeRules["*"]) : typeRules;
      if (rule !== allow) continue;
      field.resolve = originalType.getFields()[fieldName]?.resolve;
    }
  }
}

function mergeRules(base: IRules, extra: IRules): IRules {
  const result: Record<string, unknown> = { ...(extra as Record<string, unknown>) };
  for (const [type, value] of Object.entries(base as Record<string, unknown>)) {
    const existing = result[type];
    result[type] =
      existing && typeof existing === "object" && value && typeof value === "object" && !("resolve" in value)
        ? { ...(value as object), ...(existing as object) }
        : (existing ?? value);
  }
  return result as IRules;
}
