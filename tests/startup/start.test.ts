// The real entry point, as `npm start` runs it: embedded database created, migrated and seeded, simulators
// started, a federated query answered; and start-up failures reported in one clear line.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runEntryPoint } from "../support/entryPoint.ts";
import { freePort } from "../support/freePort.ts";

const MAIN = new URL("../../app/main.ts", import.meta.url).pathname;

const run = (env: Record<string, string>) => runEntryPoint(MAIN, env);

describe("npm start (embedded)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "parvis-start-"));
  let started: ReturnType<typeof run> | undefined;
  afterAll(async () => {
    if (started && started.child.exitCode === null) {
      started.child.kill("SIGKILL");
      await started.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts from nothing and answers a federated query for a signed-in persona, then stops cleanly", async () => {
    const [port, simulatorPort] = [await freePort(), await freePort()];
    started = run({
      PORT: String(port),
      HOST: "127.0.0.1",
      PGLITE_DATA_DIR: join(dataDir, "pglite"),
      MONSTRASBOURG_SIMULATOR_KEYS_FILE: join(dataDir, "monstrasbourg-simulator-keys.json"),
      MONSTRASBOURG_URL: `http://127.0.0.1:${simulatorPort}`,
    });
    const deadline = Date.now() + 100_000;
    while (
      !started.output().includes("Parvis is ready") &&
      Date.now() < deadline &&
      started.child.exitCode === null
    ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(started.output()).toContain("Parvis is ready");

    const token = await fetch(`http://127.0.0.1:${simulatorPort}/__simulator/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ persona: "resident" }),
    }).then(async (response) => ((await response.json()) as { token: string }).token);
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query:
          "{ me { displayName } quartiers(first: 1) { totalCount edges { node { participantCount } } } }",
      }),
    });
    expect(await response.json()).toEqual({
      data: {
        me: { displayName: "Camille M." },
        quartiers: { totalCount: 11, edges: [{ node: { participantCount: 0 } }] },
      },
    });
    // No personal data in the logs: not the name, not the e-mail, not the token.
    expect(started.output()).not.toMatch(/Muller|camille\.muller|eyJ/);

    started.child.kill("SIGTERM");
    expect(await started.exited).toBe(0);
    // The first start migrates and seeds the whole demo (petitions, reports, three budget campaigns).
  }, 120_000);

  it("refuses to start with DATABASE_URL pointing nowhere, in one line saying what to fix", async () => {
    const port = await freePort();
    const failed = run({
      PORT: String(port),
      DATABASE_URL: `postgresql://parvis:secret-password@127.0.0.1:${await freePort()}/parvis`,
      SIMULATORS: "false",
    });
    expect(await failed.exited).toBe(1);
    const lines = failed
      .output()
      .trim()
      .split("\n")
      .filter((line) => line.startsWith("parvis:"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Cannot reach PostgreSQL .* DATABASE_URL/);
    expect(failed.output()).not.toContain("secret-password");
  });

  it("refuses development secrets and simulators in production", async () => {
    const failed = run({
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://127.0.0.1/x",
      REDIS_URL: "redis://127.0.0.1",
    });
    expect(await failed.exited).toBe(1);
    expect(failed.output()).toMatch(
      /parvis: NODE_ENV=production refuses development secrets: set .*CALLER_SIGNING_SECRET/,
    );
  });
});
