// A subgraph that cannot answer — connection refused or reset, a timeout, a non-GraphQL 5xx — must cost only the
// fields it serves. @apollo/gateway turns a failed fetch into one error without path and without code (masked as
// INTERNAL_SERVER_ERROR), and the fields stay unset. Instead, the data sources answer such a fetch themselves with
// one UPSTREAM_UNAVAILABLE error per field the fetch was asked for, each on that field's path: the gateway maps
// the paths into the client's query (for entity fetches `_entities.<i>.<field>` becomes the entity's own path),
// nulls those fields, and keeps everything else. The same in both run modes.
import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
} from "graphql";
import type { Logger } from "../platform/logger.ts";
import { recordSubgraphFetch } from "../platform/telemetry/metrics.ts";
import { markFailed, SpanKind, withSpan } from "../platform/telemetry/tracing.ts";

type Path = (string | number)[];

export class SubgraphTimeoutError extends Error {
  override name = "SubgraphTimeoutError";
}

/** Response keys of the fields a selection set asks for, inline fragments and spreads included (not __typename). */
function responseKeys(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  typename?: string,
): string[] {
  const keys: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      if (key !== "__typename" && !keys.includes(key)) keys.push(key);
      continue;
    }
    const fragment =
      selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
    if (!fragment) continue;
    const condition = fragment.typeCondition?.name.value;
    if (typename && condition && condition !== typename) continue;
    for (const key of responseKeys(fragment.selectionSet, fragments, typename))
      if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

/** The paths, in the subgraph operation, of every field the fetch was to return. */
export function pathsOfFetch(document: DocumentNode, variables: Record<string, unknown> | undefined): Path[] {
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) return [];
  const fragments = new Map(
    document.definitions
      .filter(
        (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
      )
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const entities = operation.selectionSet.selections.find(
    (selection) => selection.kind === Kind.FIELD && selection.name.value === "_entities",
  );
  if (entities?.kind === Kind.FIELD && entities.selectionSet) {
    const representations = Array.isArray(variables?.representations) ? variables.representations : [];
    return representations.flatMap((representation, index) => {
      const typename = (representation as { __typename?: string } | null)?.__typename;
      return responseKeys(entities.selectionSet as SelectionSetNode, fragments, typename).map((key) => [
        "_entities",
        index,
        key,
      ]);
    });
  }
  return responseKeys(operation.selectionSet, fragments).map((key) => [key]);
}

/** A fetch to a subgraph as both engines describe it: its document (parsed or not) and variables. */
export interface SubgraphFetch {
  document?: DocumentNode | undefined;
  query?: string | undefined;
  variables?: Record<string, unknown> | null | undefined;
}

/** The answer of a fetch that could not be made: no data, one UPSTREAM_UNAVAILABLE error per field asked for. */
export function unavailableResult(subgraph: string, fetch: SubgraphFetch): GatewayGraphQLResponse {
  let document = fetch.document;
  if (!document) {
    try {
      document = parse(fetch.query ?? "");
    } catch {
      document = undefined;
    }
  }
  const paths = document ? pathsOfFetch(document, fetch.variables ?? undefined) : [];
  const error = (path?: Path) => ({
    message: `Le service ${subgraph} est momentanément indisponible.`,
    ...(path ? { path } : {}),
    extensions: { code: "UPSTREAM_UNAVAILABLE", subgraph },
  });
  return { errors: paths.length > 0 ? paths.map(error) : [error()] } as GatewayGraphQLResponse;
}

/** unavailableResult for @apollo/gateway's data sources. */
export function unavailableAnswer(
  subgraph: string,
  options: GraphQLDataSourceProcessOptions,
): GatewayGraphQLResponse {
  return unavailableResult(subgraph, {
    document: "document" in options ? options.document : undefined,
    query: options.request.query,
    variables: options.request.variables,
  });
}

/** "error" for a GraphQL answer with errors, "ok" otherwise (an HTTP response that arrived is "ok"). */
const outcomeOf = (result: unknown) =>
  (result as { errors?: unknown[] } | null)?.errors?.length ? ("error" as const) : ("ok" as const);

/**
 * Runs one fetch to a subgraph, bounded by `timeoutMs`, in its span and with its metrics; a fetch that throws or
 * takes too long becomes the unavailable answer (logged with the reason, never shown to the client). Both engines
 * use it: @apollo/gateway's data sources (guardSubgraphFetch) and Hive Gateway's transports (gateway/hive/).
 */
export async function guardFetch<Result>(
  subgraph: string,
  timeoutMs: number,
  log: Logger,
  fetch: () => Promise<Result>,
  unavailable: () => Result,
): Promise<Result> {
  const started = performance.now();
  // One span per query-plan fetch; the subgraph's own span (over HTTP or direct execution) nests in it.
  return withSpan(
    `fetch ${subgraph}`,
    { kind: SpanKind.CLIENT, attributes: { "parvis.subgraph": subgraph } },
    async (span) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new SubgraphTimeoutError(`no answer within ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      try {
        const answer = await Promise.race([fetch(), timeout]);
        recordSubgraphFetch(subgraph, outcomeOf(answer), (performance.now() - started) / 1000);
        return answer;
      } catch (error) {
        const { name, message, code } = error as { name?: string; message?: string; code?: string };
        log.warn(
          { subgraph, reason: { name, code, message } },
          "subgraph unavailable: its fields answer null",
        );
        recordSubgraphFetch(subgraph, "unavailable", (performance.now() - started) / 1000);
        if (span) markFailed(span, error);
        return unavailable();
      } finally {
        clearTimeout(timer);
      }
    },
  );
}

/** guardFetch for @apollo/gateway's data sources. */
export function guardSubgraphFetch(
  subgraph: string,
  options: GraphQLDataSourceProcessOptions,
  timeoutMs: number,
  log: Logger,
  fetch: () => Promise<GatewayGraphQLResponse>,
): Promise<GatewayGraphQLResponse> {
  return guardFetch(subgraph, timeoutMs, log, fetch, () => unavailableAnswer(subgraph, options));
}
