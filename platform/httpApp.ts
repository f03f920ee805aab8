// The HTTP shell shared by the gateway and stand-alone subgraphs: fastify with /health and /ready, malformed
// requests answered as GraphQL errors with a code and a 4xx status, and request logs without query strings
// (a GET /graphql query string can carry variables, hence personal data).
import { createHmac } from "node:crypto";
import type { ApolloServer, BaseContext } from "@apollo/server";
import { fastifyApolloHandler } from "@as-integrations/fastify";
import Fastify, {
  type FastifyInstance,
  type FastifyRequest,
  LogController,
  type preHandlerAsyncHookHandler,
  type RouteHandlerMethod,
} from "fastify";
import { type Logger, loggedPath } from "./logger.ts";
import { requestIdFrom } from "./requestId.ts";
import { installDrainHooks } from "./shutdown.ts";
import { traceRequest } from "./telemetry/httpSpans.ts";

export type ReadinessCheck = () => Promise<void>;

/**
 * Thrown by a check whose target is up but reports a dependency of its own down (a subgraph seen from the gateway
 * in distributed mode): /ready says `degraded (<detail>)` for it rather than `unavailable`, so that an operator
 * tells a stopped process from one whose database is down. `stillReady`: the target itself still answers 200.
 */
export class ReadinessDegraded extends Error {
  readonly detail: string;
  readonly stillReady: boolean;
  constructor(detail: string, stillReady: boolean) {
    super(detail);
    this.name = "ReadinessDegraded";
    this.detail = detail;
    this.stillReady = stillReady;
  }
}

/**
 * Dependencies a process keeps serving without (cache/outagePolicy.ts): their outage is reported by /ready
 * ("degraded", the check "unavailable") but does not take the process out of its load balancer — otherwise a
 * Redis outage would make every subgraph "not ready" and turn a slower platform into a stopped one.
 */
const SERVES_WITHOUT = new Set(["cache"]);

export interface HttpAppOptions {
  log: Logger;
  /** Named dependencies whose failure makes the process not ready (database, cache, …). */
  readiness: Record<string, ReadinessCheck>;
  bodyLimitBytes?: number;
  /** Request line and headers together (Node's maxHeaderSize, 16 KiB by default). */
  maxHeaderBytes?: number;
  /** Longest time to receive a whole request, headers and body (HTTP_RECEIVE_TIMEOUT_MS); slower clients get 408. */
  receiveTimeoutMs?: number;
  /** Retry-After of the 503s answered while the process drains (RETRY_AFTER_SECONDS). */
  retryAfterSeconds?: number;
  /**
   * Proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES, addresses or CIDRs). Empty: none, `request.ip` is
   * the peer's address, so no client can choose its own address (and its rate-limit budget) by sending the header.
   */
  trustedProxies?: readonly string[];
  /** Key of the pseudonymous client address in request logs (PSEUDONYM_SECRET); without it no address is logged. */
  pseudonymSecret?: string;
}

const GRAPHQL_ERROR_BY_STATUS: Record<number, string> = {
  400: "Requête HTTP invalide : le corps doit être un JSON GraphQL valide.",
  413: "Requête trop volumineuse.",
  415: "Type de contenu non pris en charge : utilisez application/json.",
};

export function createHttpApp(options: HttpAppOptions): FastifyInstance {
  const receiveTimeout = options.receiveTimeoutMs ?? 300_000;
  const app = Fastify({
    loggerInstance: options.log,
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
    // Fastify sets no limit on the time a request may take to arrive: a body sent a byte every few seconds held
    // its connection for ever. Node checks the limit every connectionsCheckingInterval.
    requestTimeout: receiveTimeout,
    http: {
      ...(options.maxHeaderBytes ? { maxHeaderSize: options.maxHeaderBytes } : {}),
      connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(receiveTimeout / 4))),
      // Node wants headersTimeout ≤ requestTimeout (its constructor refuses the opposite); left at its 60 s, a
      // shorter request timeout did not fire.
      headersTimeout: Math.min(60_000, receiveTimeout),
    },
    genReqId: (request) => requestIdFrom(headerValue(request.headers["x-request-id"])),
    requestIdHeader: false,
    // Fastify's own request lines include the query string; ours below log the route pattern only.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: "requestId" }),
    // Shutdown (shutdown.ts): idle keep-alive connections are closed at once, and requests that arrive while the
    // process drains get our 503 with Retry-After rather than Fastify's bare one.
    forceCloseConnections: "idle",
    return503OnClosing: false,
    trustProxy: options.trustedProxies?.length ? [...options.trustedProxies] : false,
  }) as unknown as FastifyInstance;
  installDrainHooks(app, options.retryAfterSeconds ?? 5);

  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  app.addHook("onResponse", async (request, reply) => {
    request.log.info(
      {
        // The client's address as the trusted proxies report it, pseudonymised: requests of one client can be
        // correlated in the logs without the logs holding its address.
        ...(options.pseudonymSecret ? { client: clientPseudonym(request.ip, options.pseudonymSecret) } : {}),
        method: request.method,
        path: loggedPath(request),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      "request completed",
    );
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string }, request, reply) => {
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, "unexpected HTTP error");
    const message =
      GRAPHQL_ERROR_BY_STATUS[status] ?? (status === 500 ? "Erreur interne." : "Requête refusée.");
    const code = status === 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST";
    return reply.status(status).send({ errors: [{ message, extensions: { code, requestId: request.id } }] });
  });

  app.get("/health", async () => ({ status: "ok" }));
  app.get("/ready", async (_request, reply) => {
    const checks: Record<string, string> = {};
    /** Checks that fail without taking this process out of its load balancer. */
    const servesWithout = new Set(SERVES_WITHOUT);
    await Promise.all(
      Object.entries(options.readiness).map(async ([name, check]) => {
        try {
          await check();
          checks[name] = "ok";
        } catch (error) {
          if (error instanceof ReadinessDegraded) {
            checks[name] = `degraded (${error.detail})`;
            if (error.stillReady) servesWithout.add(name);
          } else {
            checks[name] = "unavailable";
          }
        }
      }),
    );
    const failed = Object.keys(checks).filter((name) => checks[name] !== "ok");
    const ready = failed.every((name) => servesWithout.has(name));
    const status = !ready ? "not_ready" : failed.length > 0 ? "degraded" : "ready";
    return reply.status(ready ? 200 : 503).send({ status, checks });
  });
  return app;
}

export interface MountOptions {
  /** Runs before Apollo reads the request (the gateway resolves trusted-document ids here). */
  preHandler?: preHandlerAsyncHookHandler;
  /** Answers 503 when an operation takes longer; the work itself is bounded by its own timeouts. */
  timeoutMs?: number;
  /** Retry-After of that 503 (RETRY_AFTER_SECONDS). */
  retryAfterSeconds?: number;
}

/** Mounts an Apollo Server on POST/GET /graphql with a context built from the fastify request. */
export async function mountGraphQL<Context extends BaseContext>(
  app: FastifyInstance,
  apollo: ApolloServer<Context>,
  context: (request: FastifyRequest) => Promise<Context>,
  options: MountOptions = {},
): Promise<void> {
  mountGraphQLHandler(
    app,
    fastifyApolloHandler(apollo, { context: async (request) => context(request) }),
    options,
  );
}

/**
 * Mounts any GraphQL handler (Apollo Server's, Hive Gateway's) on POST/GET /graphql, with the pre-handler and the
 * overall time limit of MountOptions. Each request runs inside its server span (continuing the caller's
 * `traceparent`) when tracing is on.
 */
export function mountGraphQLHandler(
  app: FastifyInstance,
  untraced: RouteHandlerMethod,
  options: MountOptions = {},
): void {
  const handler = traceRequest(untraced);
  const timeoutMs = options.timeoutMs;
  app.route({
    url: "/graphql",
    method: ["GET", "POST", "OPTIONS"],
    ...(options.preHandler ? { preHandler: options.preHandler } : {}),
    handler: timeoutMs
      ? async function (request, reply) {
          let timer: NodeJS.Timeout | undefined;
          const timedOut = new Promise<"timeout">((resolve) => {
            timer = setTimeout(() => resolve("timeout"), timeoutMs);
          });
          try {
            const result = await Promise.race([handler.call(this, request, reply), timedOut]);
            if (result !== "timeout") return result;
            request.log.warn({ timeoutMs }, "operation took too long");
            const retryAfterSeconds = options.retryAfterSeconds ?? 5;
            const errors = [
              {
                message: "La requête a pris trop de temps. Réessayez plus tard.",
                extensions: {
                  code: "UNAVAILABLE",
                  retryable: true,
                  retryAfterSeconds,
                  requestId: request.id,
                },
              },
            ];
            return reply
              .status(503)
              .header("retry-after", String(retryAfterSeconds))
              .type("application/json")
              .send(JSON.stringify({ errors }));
          } finally {
            clearTimeout(timer);
          }
        }
      : handler,
  });
}

/** A short keyed pseudonym of a client address (the same HMAC family as the rate limits' keys). */
export function clientPseudonym(ip: string, secret: string): string {
  return createHmac("sha256", secret).update(`ip:${ip}`).digest("base64url").slice(0, 16);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
