// Direct execution of a subgraph's schema for callers in the same process: the gateway's query plans in
// single-process mode. Over HTTP a subgraph must check the gateway's signature, parse a JSON body, run Apollo
// Server's request pipeline and serialise its answer for the gateway to parse again; in one process none of that
// protects or carries anything, and together it was most of the gateway's overhead (bench/README.md). What stays
// identical to the HTTP path: the schema with its permissions (graphql-shield), the per-request context and
// DataLoaders, validation, and error masking.
//
// The gateway sends the same few subgraph operations over and over (its query plans are cached), so parsed and
// validated documents are kept in a bounded LRU keyed by the operation text.
import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  validate,
} from "graphql";
import { LRUCache } from "lru-cache";
import type { Caller } from "./caller.ts";
import type { SubgraphContext } from "./context.ts";
import { dependencyOutage, maskError } from "./errors.ts";
import type { Logger } from "./logger.ts";
import { requestIdFrom } from "./requestId.ts";
import {
  operationAttributes,
  operationSpanName,
  SpanKind,
  tracingEnabled,
  withSpan,
} from "./telemetry/tracing.ts";

export interface DirectRequest {
  query?: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

type Prepared = { document: DocumentNode } | { errors: readonly GraphQLError[] };

export function createDirectExecutor(options: {
  /** The subgraph's name, for its spans. */
  name?: string;
  schema: GraphQLSchema;
  log: Logger;
  contextFor: (caller: Caller, requestId: string) => SubgraphContext;
  /** Distinct operations kept parsed and validated (the gateway sends a few hundred at most). */
  maxDocuments?: number;
}) {
  const { schema, log } = options;
  const documents = new LRUCache<string, Prepared>({ max: options.maxDocuments ?? 1000 });

  function prepare(query: string): Prepared {
    const cached = documents.get(query);
    if (cached) return cached;
    let prepared: Prepared;
    try {
      const document = parse(query);
      const errors = validate(schema, document);
      prepared = errors.length > 0 ? { errors } : { document };
    } catch (error) {
      prepared = { errors: [error as GraphQLError] };
    }
    documents.set(query, prepared);
    return prepared;
  }

  /** Apollo Server's formatting of an error (code defaulted, no stack, no HTTP hint), then Parvis's masking. */
  function format(error: GraphQLError, code: string): GraphQLFormattedError {
    const { http: _http, ...extensions } = error.extensions ?? {};
    const formatted = { ...error.toJSON(), extensions: { ...extensions, code: extensions.code ?? code } };
    const original = error.originalError ?? error;
    const outage = dependencyOutage(original);
    if (outage) log.warn({ dependency: outage, err: original }, "dependency unavailable");
    else if (formatted.extensions.code === "INTERNAL_SERVER_ERROR") {
      log.error({ err: original }, "unexpected resolver error");
    }
    return maskError(formatted, undefined, original);
  }

  /**
   * The subgraph operation's span, as a stand-alone subgraph's HTTP span is named (telemetry/httpSpans.ts): the
   * same trace tree in both run modes. It continues the active context (the gateway's fetch, or the resolver of
   * the subgraph that asks), as `traceparent` continues it over HTTP.
   */
  function executeDirect(
    request: DirectRequest,
    caller: Caller,
    requestId = requestIdFrom(undefined),
  ): Promise<ExecutionResult> {
    if (!tracingEnabled()) return run(request, caller, requestId);
    const prepared = prepare(request.query ?? "");
    const operation =
      "document" in prepared
        ? prepared.document.definitions.find(
            (definition): definition is OperationDefinitionNode =>
              definition.kind === Kind.OPERATION_DEFINITION &&
              (!request.operationName || definition.name?.value === request.operationName),
          )
        : undefined;
    const described = { type: operation?.operation ?? "query", subgraph: options.name };
    return withSpan(
      operationSpanName(described),
      { kind: SpanKind.SERVER, attributes: operationAttributes(described) },
      () => run(request, caller, requestId),
    );
  }

  return executeDirect;

  async function run(request: DirectRequest, caller: Caller, requestId: string): Promise<ExecutionResult> {
    const prepared = prepare(request.query ?? "");
    if ("errors" in prepared) {
      const code = prepared.errors.some((e) => e.message.startsWith("Syntax Error"))
        ? "GRAPHQL_PARSE_FAILED"
        : "GRAPHQL_VALIDATION_FAILED";
      return { errors: prepared.errors.map((e) => format(e, code)) as unknown as GraphQLError[] };
    }
    const result = await execute({
      schema,
      document: prepared.document,
      variableValues: request.variables ?? undefined,
      operationName: request.operationName ?? undefined,
      contextValue: options.contextFor(caller, requestId),
    });
    if (!result.errors) return result;
    return {
      ...result,
      errors: result.errors.map((e) => format(e, "INTERNAL_SERVER_ERROR")) as unknown as GraphQLError[],
    };
  }
}
