// The Parvis behaviour of the gateway as Hive Gateway (Envelop/Yoga) plugins: thin adapters over the checks that
// @apollo/gateway's Apollo Server plugins run too (gateway/security/, gateway/audit/, gateway/formatGatewayError.ts,
// gateway/unavailableStatusPlugin.ts). What Hive does differently from Apollo Server and a plugin can fix is fixed
// in `answerAsApollo`; what cannot is in docs/gateway-engines.md.
import { EnvelopArmor } from "@escape.tech/graphql-armor";
import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import {
  type ExecutionResult,
  GraphQLError,
  type GraphQLFormattedError,
  getOperationAST,
  parse,
} from "graphql";
import type { Cache } from "../../platform/cache/cache.ts";
import type { Config } from "../../platform/config.ts";
import type { Logger } from "../../platform/logger.ts";
import { installScalarParsers } from "../../platform/scalars.ts";
import { recordOperation } from "../../platform/telemetry/metrics.ts";
import { nameOperationSpan } from "../../platform/telemetry/tracing.ts";
import { type AuditPluginOptions, auditRecordFor } from "../audit/auditPlugin.ts";
import type { GatewayContext } from "../dataSources.ts";
import { formatGatewayError } from "../formatGatewayError.ts";
import type { ResolvedOperation } from "../operation.ts";
import { createCostCheck } from "../security/costLimit.ts";
import { armorOptions, LIMIT_MESSAGE, maxRootFieldsRule } from "../security/operationLimits.ts";
import { UNKNOWN_OPERATION } from "../security/operationResolution.ts";
import { createRateLimiter } from "../security/rateLimit.ts";
import { checkTrustedDocument, errorsForCaller } from "../security/trustedDocuments.ts";
import { isVariableCoercionMessage } from "../security/variableErrors.ts";
import { isOutageAnswer } from "../unavailableStatusPlugin.ts";

export interface ParvisPluginDeps {
  config: Config;
  cache: Cache;
  log: Logger;
  supergraphSdl: string;
  audit: AuditPluginOptions;
}

type Plugin = GatewayPlugin<GatewayContext>;

/** Limits of the document itself: tokens (parse), depth, aliases, directives, root fields (validation). */
function limitPlugins(config: Config): Plugin[] {
  return [
    {
      onParse({ setParseFn }) {
        setParseFn((source, options) => parse(source, { ...options, maxTokens: config.LIMIT_MAX_TOKENS }));
      },
      onValidate({ addValidationRule }) {
        addValidationRule(maxRootFieldsRule(config.LIMIT_MAX_ROOT_FIELDS));
      },
    },
    ...(new EnvelopArmor(armorOptions(config)).protect().plugins as Plugin[]),
  ];
}

/** The error as Apollo Server's plugins throw it, with its HTTP headers as a plain object (Yoga reads these). */
function withPlainHeaders(error: GraphQLError): GraphQLError {
  const http = error.extensions.http as { status?: number; headers?: Iterable<[string, string]> } | undefined;
  if (!http?.headers || !(Symbol.iterator in Object(http.headers))) return error;
  return new GraphQLError(error.message, {
    extensions: { ...error.extensions, http: { ...http, headers: Object.fromEntries(http.headers) } },
  });
}

/**
 * What Apollo Server's didResolveOperation plugins do: an operation that can be chosen, then trusted documents,
 * cost and rate limits; and after execution, the audit of personal data read by staff and partners.
 */
function operationPlugin(deps: ParvisPluginDeps): Plugin {
  const cost = createCostCheck(deps.config, deps.supergraphSdl);
  const rateLimit = createRateLimiter(deps);
  return {
    // Variables and literals of the custom scalars are parsed as the subgraphs parse them (platform/scalars.ts).
    onSchemaChange({ schema }) {
      installScalarParsers(schema);
    },
    async onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue as GatewayContext & { params?: { query?: string } };
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError(UNKNOWN_OPERATION, {
              extensions: { code: "BAD_REQUEST", http: { status: 400 } },
            }),
          ],
        });
        return;
      }
      const resolved: ResolvedOperation = {
        schema: args.schema,
        document: args.document,
        operation,
        operationName: args.operationName,
        variables: args.variableValues as Record<string, unknown> | undefined,
        source: context.params?.query,
        context,
      };
      try {
        checkTrustedDocument(deps.config, resolved);
        cost(resolved);
        await rateLimit(resolved);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        setResultAndStopExecution({ errors: [withPlainHeaders(error)] });
        return;
      }
      return {
        onExecuteDone({ result }) {
          if (Symbol.asyncIterator in Object(result)) return;
          const record = auditRecordFor(deps.audit, resolved, (result as ExecutionResult).data);
          // Not awaited: the writer retries and logs on failure; the response leaves now.
          if (record) void deps.audit.writer.record(record);
        },
      };
    },
  };
}

/** Statuses Apollo Server answers for its own error codes (the others say theirs in extensions.http). */
const STATUS_BY_CODE: Record<string, number> = {
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
};

/** The code Apollo Server gives an error that has none of its own. */
function apolloCode(error: GraphQLError): string {
  const code = error.extensions?.code;
  if (typeof code === "string") return code;
  // graphql-armor prefixes its refusals with "Syntax Error: " although they are validation errors.
  if (error.message.startsWith("Syntax Error") && !error.message.includes(LIMIT_MESSAGE))
    return "GRAPHQL_PARSE_FAILED";
  if (error.message.includes(LIMIT_MESSAGE)) return "GRAPHQL_VALIDATION_FAILED";
  if (!error.path && isVariableCoercionMessage(error.message)) return "BAD_USER_INPUT";
  // Yoga's own refusals of a request (CSRF prevention answers 403) carry a 4xx status and no code: the client's
  // mistake, answered as Apollo's BAD_REQUEST — not an internal error, and not logged as one.
  const status = (error.extensions?.http as { status?: number } | undefined)?.status;
  if (status !== undefined && status >= 400 && status < 500) return "BAD_REQUEST";
  return "INTERNAL_SERVER_ERROR";
}

/** An error a plugin or a planner left as a plain object (formatted), as the GraphQLError it describes. */
function asGraphQLError(raw: unknown): GraphQLError {
  const { message, path, extensions } = (raw ?? {}) as Partial<GraphQLFormattedError>;
  return new GraphQLError(String(message), {
    ...(path ? { path } : {}),
    ...(extensions ? { extensions } : {}),
  });
}

/**
 * Every answer as Apollo Server gives it: errors formatted and masked by the one formatter, the status of the
 * error codes (400 for parse, validation and variable errors whatever the Accept header, 503 with Retry-After for
 * an answer an outage emptied), and `"data": null` when execution started and nothing came back.
 */
function answerAsApollo(deps: ParvisPluginDeps): Plugin {
  const { config, log } = deps;
  return {
    onResultProcess({ result, setResult, serverContext }) {
      if (Array.isArray(result) || Symbol.asyncIterator in Object(result)) return;
      const single = result as ExecutionResult & { extensions?: Record<string, unknown> };
      if (!single.errors?.length) return;
      const context = serverContext as Partial<GatewayContext>;
      let status = 0;
      const headers: Record<string, string> = {};
      const originals = single.errors.map((raw) => (raw instanceof GraphQLError ? raw : asGraphQLError(raw)));
      let formatted: GraphQLFormattedError[] = originals.map((error) => {
        const {
          http,
          unexpected: _unexpected,
          ...extensions
        } = (error.extensions ?? {}) as Record<string, unknown>;
        let code = apolloCode(error);
        // Hive's planner resolves the operation before the plugins see it; its refusal is Apollo's BAD_REQUEST.
        if (code === "OPERATION_RESOLUTION_FAILURE") {
          code = "BAD_REQUEST";
          status = Math.max(status, 400);
          return formatGatewayError({ message: UNKNOWN_OPERATION, extensions: { code } }, error, {
            config,
            log,
          });
        }
        const hint = http as
          | { status?: number; spec?: boolean; headers?: Record<string, string> }
          | undefined;
        const own = hint && !hint.spec ? hint.status : undefined;
        status = Math.max(
          status,
          own ?? STATUS_BY_CODE[code] ?? (code === "BAD_USER_INPUT" && !error.path ? 400 : 0),
        );
        Object.assign(headers, hint?.headers);
        return formatGatewayError({ ...error.toJSON(), extensions: { ...extensions, code } }, error, {
          config,
          log,
        });
      });
      formatted = errorsForCaller(config, context.caller, formatted) ?? formatted;
      const executed = "data" in single || formatted.some((error) => error.path);
      const data = executed ? (single.data ?? null) : undefined;
      if (isOutageAnswer({ data, errors: formatted })) {
        status = 503;
        headers["retry-after"] = String(config.RETRY_AFTER_SECONDS);
      }
      // Locations as graphql-js reported them: Yoga recomputes them from the nodes, source and positions. (The
      // masking of errorsForCaller keeps one error per original, in order, or drops variable errors after the first.)
      const errors = formatted.map((error, index) => {
        const original = formatted.length === originals.length ? originals[index] : undefined;
        return new GraphQLError(error.message, {
          ...(error.locations && original
            ? { nodes: original.nodes, source: original.source, positions: original.positions }
            : {}),
          ...(error.path ? { path: error.path } : {}),
          ...(error.extensions ? { extensions: error.extensions } : {}),
        });
      });
      setResult({
        ...(executed ? { data } : {}),
        errors,
        extensions: { ...single.extensions, http: { status: status || 200, headers } },
      } as ExecutionResult);
    },
  };
}

/**
 * Requests by operation, caller kind and outcome, and the operation's span name, as gateway/telemetryPlugin.ts
 * records them on Apollo (the same functions of platform/telemetry/). Last, so that it sees the answer's codes.
 */
function telemetryPlugin(): Plugin {
  const requests = new WeakMap<Request, { started: number; name?: string }>();
  return {
    onRequest({ request }) {
      requests.set(request, { started: performance.now() });
    },
    onExecute({ args }) {
      const context = args.contextValue as GatewayContext & { request?: Request };
      const operation = getOperationAST(args.document, args.operationName);
      // Only a registered operation is named: any other document's name is the client's choice (bounded labels).
      const name = context.trustedDocument
        ? (operation?.name?.value ?? args.operationName ?? undefined)
        : undefined;
      nameOperationSpan({ type: operation?.operation ?? "query", name });
      const entry = context.request ? requests.get(context.request) : undefined;
      if (entry) entry.name = name;
    },
    onResultProcess({ request, result, serverContext }) {
      const entry = requests.get(request);
      if (!entry) return;
      requests.delete(request);
      const single = (Array.isArray(result) ? result[0] : result) as ExecutionResult | undefined;
      const firstError = single?.errors?.[0];
      const marker = (serverContext as Partial<GatewayContext>).telemetry;
      if (marker) marker.recorded = true;
      recordOperation({
        registeredName: entry.name,
        callerKind: (serverContext as Partial<GatewayContext>).caller?.kind,
        outcome: firstError ? String(firstError.extensions?.code ?? "INTERNAL_SERVER_ERROR") : "OK",
        seconds: (performance.now() - entry.started) / 1000,
      });
    },
  };
}

/** Every Parvis plugin, in the order Apollo Server's run. */
export function parvisPlugins(deps: ParvisPluginDeps): Plugin[] {
  return [...limitPlugins(deps.config), operationPlugin(deps), answerAsApollo(deps), telemetryPlugin()];
}
