// `PORT=<any> npm start` moves the whole platform: the public base (photo URLs, Open311 discovery), the embedded
// MonStrasbourg.eu simulator (PORT + 200) and the redirect URIs it accepts for the explorer, so a staff member
// signs in through the explorer's own flow (authorization code with PKCE, redeemed by the gateway) on that port.
import type { ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { runEntryPoint } from "../support/entryPoint.ts";
import { freePlatformPort } from "../support/freePort.ts";

const MAIN = new URL("../../app/main.ts", import.meta.url).pathname;

describe("PORT moves every URL of the platform", () => {
  let child: ChildProcess | undefined;
  let output = () => "";
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  });

  it("starts on a random port and signs a staff member in through the explorer's flow", async () => {
    const port = await freePlatformPort();
    const origin = `http://localhost:${port}`;
    const local = `http://127.0.0.1:${port}`;
    // Only PORT: every other URL is left to its default (the environment of the test runner must not leak in).
    const running = runEntryPoint(MAIN, {
      PORT: String(port),
      HOST: "127.0.0.1",
      PGLITE_DATA_DIR: "memory://",
      SEED_ON_FIRST_START: "false",
      DIRECTORY_SYNC_INTERVAL_SECONDS: "0",
      QUERY_PLAN_WARMUP: "false",
    });
    child = running.child;
    output = running.output;
    const deadline = Date.now() + 60_000;
    while (!output().includes("Parvis is ready") && Date.now() < deadline && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(output()).toContain("Parvis is ready");

    // Open311 discovery (and photo URLs, made from the same public base) point at this port.
    const discovery = (await (await fetch(`${local}/open311/v2/discovery.json`)).json()) as {
      endpoints: { url: string }[];
    };
    expect(discovery.endpoints[0]?.url).toBe(`${origin}/open311/v2`);

    // The explorer's sign-in: where the page sends the agent, with PKCE, a state and a nonce …
    const explorer = (await (await fetch(`${local}/explorer/config.json`)).json()) as {
      authorizationEndpoint: string;
      clientId: string;
      scope: string;
    };
    expect(explorer.authorizationEndpoint).toBe(`http://127.0.0.1:${port + 200}/idp/oidc/authorize/`);
    const verifier = randomBytes(32).toString("base64url");
    const nonce = randomBytes(16).toString("base64url");
    const redirectUri = `${origin}/auth/callback`;
    const authorize = new URL(explorer.authorizationEndpoint);
    for (const [name, value] of Object.entries({
      client_id: explorer.clientId,
      redirect_uri: redirectUri,
      response_type: "code",
      scope: explorer.scope,
      state: "state-0123456789",
      nonce,
      code_challenge: createHash("sha256").update(verifier).digest("base64url"),
      code_challenge_method: "S256",
      login_hint: "agent",
    }))
      authorize.searchParams.set(name, value);
    const redirect = await fetch(authorize, { redirect: "manual" });
    expect(redirect.status).toBe(302);
    const callback = new URL(redirect.headers.get("location") as string);
    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
    expect(callback.searchParams.get("state")).toBe("state-0123456789");

    // … and the callback page has the gateway redeem the code with the platform's client secret.
    const redeemed = await fetch(`${local}/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        code: callback.searchParams.get("code"),
        codeVerifier: verifier,
        redirectUri,
        nonce,
      }),
    });
    expect(redeemed.status).toBe(200);
    const session = (await redeemed.json()) as { accessToken: string; staffService: string; roles: string[] };
    expect(session.staffService).toBe("DMEPN");
    expect(session.roles).toContain("staff");
    const schema = await fetch(`${local}/explorer/schema.json`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expect(schema.status).toBe(200);

    child.kill("SIGTERM");
    expect(await new Promise((resolve) => child?.once("exit", resolve))).toBe(0);
  }, 90_000);
});
