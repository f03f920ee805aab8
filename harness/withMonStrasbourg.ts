// A test platform signed in through a real MonStrasbourg.eu simulator: tokens are minted by the simulator and
// verified by the gateway's production authenticator (JWKS, or HS256 when asked).
import { createAuthenticator } from "../gateway/auth/createAuthenticator.ts";
import {
  type MonStrasbourgSimulator,
  type Persona,
  startMonStrasbourgSimulator,
} from "../simulators/monstrasbourg/index.ts";
import { startTestPlatform, type TestPlatform, type TestPlatformOptions } from "./platform.ts";

export interface SignedInPlatform extends TestPlatform {
  simulator: MonStrasbourgSimulator;
  /** An access token for a persona (resident, visitor, agent, moderator, dpo, admin) or the partner client. */
  token(persona: string): Promise<string>;
}

export async function startSignedInPlatform(
  options: TestPlatformOptions & { hs256Secret?: string; personas?: readonly Persona[] } = {},
): Promise<SignedInPlatform> {
  const simulator = await startMonStrasbourgSimulator({
    port: 0,
    signing: options.hs256Secret ? "HS256" : "RS256",
    ...(options.personas ? { personas: options.personas } : {}),
    ...(options.hs256Secret ? { hs256AccessTokenSecret: options.hs256Secret } : {}),
  });
  const platform = await startTestPlatform({
    ...options,
    env: {
      MONSTRASBOURG_URL: simulator.url,
      OIDC_ISSUER: simulator.issuer,
      MONSTRASBOURG_TIMEOUT_MS: "500",
      ...(options.hs256Secret ? { OIDC_HS256_SECRET: options.hs256Secret } : {}),
      ...options.env,
    },
    authenticate: ({ config, cache, log }) => createAuthenticator(config, cache, log),
  });
  return {
    ...platform,
    simulator,
    token: (persona) =>
      persona === "ems-partner" ? simulator.issuePartnerToken() : simulator.issueToken(persona),
    async close() {
      await platform.close();
      await simulator.close();
    },
  };
}
