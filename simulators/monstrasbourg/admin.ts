// Fault injection and the simulator's own admin endpoints (under /__simulator/, never subject to faults).
// These endpoints are unauthenticated: the simulator is a development and test tool bound to loopback.
import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { htmlPage, pathOf } from "./http.ts";
import { findPersona, type Persona } from "./personas.ts";
import type { Faults, SimulatorState } from "./state.ts";

export const ADMIN_PREFIX = "/__simulator";

export const FaultsPatchSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(120_000),
    errorRate: z.number().min(0).max(1),
    down: z.boolean(),
    downMode: z.enum(["503", "reset"]),
  })
  .partial()
  .strict();

/** Validates a partial fault setting (throws a ZodError when out of range) and merges it into the current one. */
export function applyFaults(current: Faults, patch: Partial<Faults>): Faults {
  const parsed = FaultsPatchSchema.parse(stripUndefined(patch));
  return { ...current, ...(stripUndefined(parsed) as Partial<Faults>) };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function unavailable(reply: FastifyReply): FastifyReply {
  return reply
    .code(503)
    .header("Retry-After", "30")
    .header("Cache-Control", "no-store")
    .type("text/html; charset=utf-8")
    .send(htmlPage("Service indisponible", "<p>MonStrasbourg.eu est momentanément indisponible.</p>"));
}

/** Latency, random 503s and "down" for every non-admin request. */
export function registerFaultHook(app: FastifyInstance, state: SimulatorState): void {
  app.addHook("onRequest", async (request, reply) => {
    if (pathOf(request).startsWith(`${ADMIN_PREFIX}/`)) return;
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
}

function personaSummary(state: SimulatorState, persona: Persona) {
  return {
    key: persona.key,
    uuid: persona.uuid,
    username: persona.username,
    name: `${persona.firstName} ${persona.lastName}`,
    email: persona.email,
    emailVerified: persona.emailVerified,
    eurometropoleResident: persona.eurometropoleResident,
    accordPlacit: persona.accordPlacit,
    roles: persona.roles,
    service: persona.service,
    description: persona.description,
    deleted: !state.accounts.has(persona.uuid),
  };
}

const TokenRequestSchema = z
  .object({
    persona: z.string().min(1).optional(),
    clientId: z.string().min(1).optional(),
    scope: z.string().optional(),
    kind: z.enum(["access", "id"]).optional(),
    ttlSeconds: z.number().int().min(1).max(31_536_000).optional(),
  })
  .strict();

export function registerAdminRoutes(
  app: FastifyInstance,
  state: SimulatorState,
  actions: {
    setFaults(patch: Partial<Faults>): void;
    rotateKeys(options: { retainPreviousSeconds?: number }): Promise<void>;
    issuePartnerToken(clientId: string, scope?: string): Promise<string>;
  },
): void {
  app.get(`${ADMIN_PREFIX}/faults`, async () => state.faults);

  app.post(`${ADMIN_PREFIX}/faults`, async (request, reply) => {
    const parsed = FaultsPatchSchema.safeParse(request.body);
    if (!parsed.success) {
      return reply
        .code(400)
        .send({ error: "invalid_faults", issues: parsed.error.issues.map((i) => i.message) });
    }
    actions.setFaults(parsed.data as Partial<Faults>);
    return state.faults;
  });

  app.get(`${ADMIN_PREFIX}/personas`, async () =>
    state.seeded.map((persona) => personaSummary(state, persona)),
  );

  app.post<{ Params: { uuid: string } }>(`${ADMIN_PREFIX}/accounts/:uuid/delete`, async (request, reply) => {
    const persona = findPersona(state.accounts.values(), request.params.uuid);
    if (!persona) return reply.code(404).send({ error: "unknown_account" });
    state.deleteAccount(persona.uuid);
    return { deleted: persona.uuid };
  });

  app.post(`${ADMIN_PREFIX}/accounts/reset`, async () => {
    state.restoreAccounts();
    return { accounts: state.accounts.size };
  });

  app.post(`${ADMIN_PREFIX}/keys/rotate`, async (request, reply) => {
    const parsed = z
      .object({ retainPreviousSeconds: z.number().int().min(0).optional() })
      .strict()
      .safeParse(request.body ?? {});
    if (!parsed.success) return reply.code(400).send({ error: "invalid_request" });
    await actions.rotateKeys(
      parsed.data.retainPreviousSeconds !== undefined
        ? { retainPreviousSeconds: parsed.data.retainPreviousSeconds }
        : {},
    );
    return state.jwks();
  });

  // Mints a token without a browser: a person's (persona set) or a partner client's (client credentials).
  app.post(`${ADMIN_PREFIX}/token`, async (request, reply) => {
    const parsed = TokenRequestSchema.safeParse(request.body ?? {});
    if (!parsed.success) return reply.code(400).send({ error: "invalid_request" });
    const { persona: hint, clientId, scope, kind, ttlSeconds } = parsed.data;
    try {
      if (hint === undefined) {
        if (!clientId) return reply.code(400).send({ error: "persona or clientId is required" });
        return { token: await actions.issuePartnerToken(clientId, scope) };
      }
      const persona = findPersona(state.accounts.values(), hint);
      if (!persona) return reply.code(404).send({ error: "unknown_persona" });
      const token = await state.issueTokenFor(persona, {
        ...(clientId !== undefined ? { clientId } : {}),
        ...(scope !== undefined ? { scope } : {}),
        ...(kind !== undefined ? { kind } : {}),
        ...(ttlSeconds !== undefined ? { ttlSeconds } : {}),
      });
      return { token };
    } catch (error) {
      return reply.code(400).send({ error: (error as Error).message });
    }
  });
}
