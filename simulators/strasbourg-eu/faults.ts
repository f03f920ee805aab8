// Fault injection shared by the Strasbourg.eu and open-data simulators, in the style of the MonStrasbourg.eu one:
// added latency, a share of requests answered 503, or "down" (every request answered 503, or its socket reset).
// Admin endpoints under /__simulator/ are never subject to faults.
import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";

export const ADMIN_PREFIX = "/__simulator";

export interface Faults {
  /** Delay added before every non-admin response. */
  latencyMs: number;
  /** Probability (0..1) that a non-admin request is answered 503. */
  errorRate: number;
  /** Every non-admin endpoint fails (see `downMode`). */
  down: boolean;
  /** "503" answers 503; "reset" destroys the socket without answering. */
  downMode: "503" | "reset";
}

export const DEFAULT_FAULTS: Readonly<Faults> = { latencyMs: 0, errorRate: 0, down: false, downMode: "503" };

export const FaultsPatchSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(120_000),
    errorRate: z.number().min(0).max(1),
    down: z.boolean(),
    downMode: z.enum(["503", "reset"]),
  })
  .partial()
  .strict();

/** Validates a partial setting (throws a ZodError when out of range) and merges it into the current one. */
export function applyFaults(current: Faults, patch: Partial<Faults>): Faults {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  return { ...current, ...(FaultsPatchSchema.parse(defined) as Partial<Faults>) };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function registerFaults(
  app: FastifyInstance,
  state: { faults: Faults },
  unavailable: (reply: FastifyReply) => FastifyReply,
): void {
  app.addHook("onRequest", async (request, reply) => {
    if (request.url.startsWith(`${ADMIN_PREFIX}/`)) return;
    const faults = state.faults;
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (faults.down) {
      if (faults.downMode === "reset") {
        reply.hijack();
        request.raw.socket.destroy();
        return reply;
      }
      return unavailable(reply);
    }
    if (faults.errorRate > 0 && Math.random() < faults.errorRate) return unavailable(reply);
  });
  app.get(`${ADMIN_PREFIX}/faults`, async () => state.faults);
  app.post(`${ADMIN_PREFIX}/faults`, async (request, reply) => {
    const parsed = FaultsPatchSchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      return reply
        .code(400)
        .send({ error: "invalid_faults", issues: parsed.error.issues.map((i) => i.message) });
    }
    state.faults = applyFaults(state.faults, parsed.data as Partial<Faults>);
    return state.faults;
  });
}

/** FAULTS from a standalone simulator's environment: `<PREFIX>_LATENCY_MS`, `_ERROR_RATE`, `_DOWN`. */
export function faultsFromEnv(env: NodeJS.ProcessEnv, prefix: string): Faults {
  const down = env[`${prefix}_DOWN`] ?? "false";
  return applyFaults(
    { ...DEFAULT_FAULTS },
    {
      latencyMs: Number(env[`${prefix}_LATENCY_MS`] ?? 0),
      errorRate: Number(env[`${prefix}_ERROR_RATE`] ?? 0),
      down: ["true", "1", "503", "reset"].includes(down),
      downMode: down === "reset" ? "reset" : "503",
    },
  );
}
