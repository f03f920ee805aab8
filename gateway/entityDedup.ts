// Deduplication of entity representations before an `_entities` fetch. @apollo/gateway sends one representation per
// occurrence: 50 petitions in 5 quartiers make an `_entities` call with 50 quartier representations, 45 of them
// repeats the subgraph resolves again (and bills again to the cost of every later fetch that depends on them).
// Here each distinct representation is sent once and the answers are fanned back out to the positions the gateway
// expects, errors included (an error about a representation applies to every position it stood for).
import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import type { GraphQLFormattedError } from "graphql";

type Request = GraphQLDataSourceProcessOptions["request"];

interface Plan {
  unique: unknown[];
  /** For each original position, the index of its representation in `unique`. */
  positionToUnique: number[];
}

/**
 * The identity of a representation. Most are `{ __typename, id }`: keyed without serialising (this runs on every
 * `_entities` fetch, repeats or not); anything else (compound keys, @requires fields) as its JSON.
 */
function keyOf(representation: unknown): string {
  const record = representation as Record<string, unknown> | null;
  if (
    typeof record?.__typename === "string" &&
    typeof record.id === "string" &&
    Object.keys(record).length === 2
  ) {
    return `${record.__typename}\u0000${record.id}`;
  }
  return JSON.stringify(representation);
}

/** Null when there is nothing to deduplicate (no representations, or all distinct). */
export function planDedup(request: Request): Plan | null {
  const representations = request.variables?.representations;
  if (!Array.isArray(representations) || representations.length < 2) return null;
  const indexByKey = new Map<string, number>();
  const unique: unknown[] = [];
  // The gateway builds representations from the same selection in the same order, so equal entities serialise
  // to equal strings.
  const positionToUnique = representations.map((representation) => {
    const key = keyOf(representation);
    let index = indexByKey.get(key);
    if (index === undefined) {
      index = unique.length;
      indexByKey.set(key, index);
      unique.push(representation);
    }
    return index;
  });
  return unique.length < representations.length ? { unique, positionToUnique } : null;
}

/** The same request with each representation once. */
export function dedupedRequest(request: Request, plan: Plan): Request {
  return { ...request, variables: { ...request.variables, representations: plan.unique } };
}

/** The answer as the gateway expects it: one entity per original representation, errors fanned out alike. */
export function expandResponse(response: GatewayGraphQLResponse, plan: Plan): GatewayGraphQLResponse {
  const entities = (response.data as { _entities?: unknown } | null | undefined)?._entities;
  let data = response.data;
  if (Array.isArray(entities)) {
    const used = new Set<number>();
    const expanded = plan.positionToUnique.map((index) => {
      const entity = entities[index];
      // The gateway merges each answer into its own result tree by reference: repeats get their own copy.
      if (used.has(index) && entity !== null && typeof entity === "object") return structuredClone(entity);
      used.add(index);
      return entity;
    });
    data = { ...response.data, _entities: expanded };
  }
  if (!response.errors) return { ...response, data };
  const errors: GraphQLFormattedError[] = [];
  for (const error of response.errors) {
    const path = error.path;
    if (path?.[0] !== "_entities" || typeof path[1] !== "number") {
      errors.push(error);
      continue;
    }
    plan.positionToUnique.forEach((index, position) => {
      if (index === path[1]) errors.push({ ...error, path: ["_entities", position, ...path.slice(2)] });
    });
  }
  return { ...response, data, errors };
}

/** Runs `send` with each distinct representation once. */
export async function withDedupedRepresentations(
  request: Request,
  send: (request: Request) => Promise<GatewayGraphQLResponse>,
): Promise<GatewayGraphQLResponse> {
  const plan = planDedup(request);
  if (!plan) return send(request);
  return expandResponse(await send(dedupedRequest(request, plan)), plan);
}
