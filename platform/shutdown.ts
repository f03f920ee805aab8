// Graceful shutdown of an HTTP process (gateway, stand-alone subgraph). On SIGTERM or SIGINT:
// 1. stop accepting connections (the listening socket closes: new connections are refused before anything is read);
// 2. answer every request already received; a request that arrives meanwhile on an open keep-alive connection gets
//    503 with Retry-After (refused, not dropped), and every response says `Connection: close`;
// 3. close idle keep-alive connections at once and as soon as each busy one falls idle — without this the process
//    waits for the clients' sockets to time out (Fastify's keepAliveTimeout, 72 s);
// 4. after SHUTDOWN_GRACE_SECONDS, cut whatever is left;
// 5. then stop the background work (jobs, the notifications worker) and close the pools, in the order given.
import type { FastifyInstance } from "fastify";
import type { Logger } from "./logger.ts";

export interface DrainState {
  draining: boolean;
}

const drainStates = new WeakMap<FastifyInstance, DrainState>();

/**
 * Hooks that refuse new requests while draining (503, Retry-After, Connection: close) and ask clients to close
 * the connection after each response. Registered by createHttpApp on every HTTP process.
 */
export function installDrainHooks(app: FastifyInstance, retryAfterSeconds: number): DrainState {
  const state: DrainState = { draining: false };
  drainStates.set(app, state);
  app.addHook("onRequest", async (request, reply) => {
    if (!state.draining) return;
    const errors = [
      {
        message: "Le service redémarre : réessayez dans quelques instants.",
        extensions: { code: "UNAVAILABLE", retryable: true, retryAfterSeconds, requestId: request.id },
      },
    ];
    return reply
      .status(503)
      .header("retry-after", String(retryAfterSeconds))
      .header("connection", "close")
      .type("application/json")
      .send(JSON.stringify({ errors }));
  });
  app.addHook("onSend", async (_request, reply, payload) => {
    if (state.draining) reply.header("connection", "close");
    return payload;
  });
  return state;
}

export interface ShutdownOptions {
  /** An app made by createHttpApp (which installs the drain hooks). */
  app: FastifyInstance;
  graceSeconds: number;
  log: Logger;
  /** Background work and pools, closed in this order once HTTP is done. */
  closers: (() => Promise<void>)[];
  exit?: (code: number) => void;
}

/** Drains and exits on SIGTERM / SIGINT; returns the stop function (tests call it directly). */
export function shutdownOnSignals(options: ShutdownOptions): (signal: string) => Promise<void> {
  const { app, log } = options;
  const found = drainStates.get(app);
  if (!found) throw new Error("shutdownOnSignals needs an app made by createHttpApp");
  const drain: DrainState = found;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;

  async function stop(signal: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    const started = performance.now();
    log.info({ signal, graceSeconds: options.graceSeconds }, "stopping: draining requests");
    drain.draining = true;
    // Busy keep-alive connections fall idle one by one after their response: close each as soon as it does.
    const idleSweep = setInterval(() => app.server.closeIdleConnections(), 50);
    let timedOut = false;
    const grace = new Promise<void>((resolve) => {
      setTimeout(() => {
        timedOut = true;
        resolve();
      }, options.graceSeconds * 1000).unref();
    });
    await Promise.race([app.close(), grace]);
    clearInterval(idleSweep);
    if (timedOut) {
      log.warn(
        { graceSeconds: options.graceSeconds },
        "grace period over: closing the remaining connections",
      );
      app.server.closeAllConnections();
    }
    for (const close of options.closers) {
      await close().catch((error: unknown) => log.warn({ err: error }, "error while stopping"));
    }
    log.info({ ms: Math.round(performance.now() - started) }, "stopped");
    exit(timedOut ? 1 : 0);
  }

  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  return stop;
}
