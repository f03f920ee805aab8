import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { http } from "../../tests/support/simulatorHttp.ts";
import { type MonStrasbourgSimulator, startMonStrasbourgSimulator } from "./index.ts";

describe("MonStrasbourg.eu simulator — fault injection", () => {
  let sim: MonStrasbourgSimulator;
  const discovery = () => http(`${sim.url}/.well-known/openid-configuration`);

  beforeAll(async () => {
    sim = await startMonStrasbourgSimulator();
  });
  beforeEach(() => {
    sim.setFaults({ latencyMs: 0, errorRate: 0, down: false, downMode: "503" });
  });
  afterAll(async () => {
    await sim.close();
  });

  it("adds latency (measured loosely)", async () => {
    sim.setFaults({ latencyMs: 150 });
    const started = performance.now();
    expect((await discovery()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(120);
  });

  it("answers 503 when the error rate is 1", async () => {
    sim.setFaults({ errorRate: 1 });
    for (let i = 0; i < 3; i++) {
      const response = await discovery();
      expect(response.status).toBe(503);
      expect(response.headers.get("content-type")).toContain("text/html");
    }
  });

  it("fails every non-admin endpoint when down, in 503 or reset mode", async () => {
    sim.setFaults({ down: true });
    expect((await discovery()).status).toBe(503);
    expect((await http(`${sim.url}/idp/oidc/token/`, { method: "POST" })).status).toBe(503);
    sim.setFaults({ downMode: "reset" });
    await expect(discovery()).rejects.toThrow();
    const admin = await http(`${sim.url}/__simulator/faults`);
    expect(await admin.json()).toEqual({ latencyMs: 0, errorRate: 0, down: true, downMode: "reset" });
    sim.setFaults({ down: false });
    expect((await discovery()).status).toBe(200);
  });

  it("is driven over HTTP by the admin endpoint, which faults never affect", async () => {
    const set = await http(`${sim.url}/__simulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ down: true, latencyMs: 0 }),
    });
    expect(set.status).toBe(200);
    expect(sim.faults.down).toBe(true);
    expect((await discovery()).status).toBe(503);
    expect((await http(`${sim.url}/__simulator/personas`)).status).toBe(200);
    const invalid = await http(`${sim.url}/__simulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ errorRate: 2 }),
    });
    expect(invalid.status).toBe(400);
  });

  it("lists personas and mints tokens from the admin endpoints", async () => {
    const personas = await (await http(`${sim.url}/__simulator/personas`)).json();
    expect(personas.map((persona: { key: string }) => persona.key)).toEqual([
      "resident",
      "visitor",
      "agent",
      "moderator",
      "dpo",
      "admin",
    ]);
    const minted = await http(`${sim.url}/__simulator/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ persona: "admin" }),
    });
    const { token } = await minted.json();
    const userinfo = await http(`${sim.url}/idp/oidc/user_info/`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect((await userinfo.json()).roles).toEqual(["parvis-staff", "parvis-admin"]);
    const partner = await http(`${sim.url}/__simulator/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ clientId: "ems-partner" }),
    });
    expect((await partner.json()).token).toEqual(expect.any(String));
  });

  it("accepts initial faults from the options", async () => {
    const slow = await startMonStrasbourgSimulator({ faults: { errorRate: 1 } });
    try {
      expect((await http(`${slow.url}/idp/oidc/certs/`)).status).toBe(503);
    } finally {
      await slow.close();
    }
  });
});
