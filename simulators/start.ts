// Starts the simulators of the city's systems that the configuration points at, for `npm start` in development.
// Imported only when SIMULATORS is on, so production code never loads them.
import type { Config } from "../platform/config.ts";
import type { Logger } from "../platform/logger.ts";
import { startBanSimulator } from "./ban/index.ts";
import { startMonStrasbourgSimulator } from "./monstrasbourg/index.ts";
import { startDirectorySimulators, tryStart } from "./strasbourg-eu/directorySources.ts";

export interface RunningSimulators {
  close(): Promise<void>;
}

export async function startSimulators(config: Config, log: Logger): Promise<RunningSimulators> {
  const url = new URL(config.MONSTRASBOURG_URL);
  // The explorer signs in through the platform's client: its callback is on the public base and on the gateway's
  // own port, whatever PORT and PUBLIC_BASE_URL are.
  const origins = [
    ...new Set([
      new URL(config.PUBLIC_BASE_URL).origin,
      `http://localhost:${config.PORT}`,
      `http://127.0.0.1:${config.PORT}`,
    ]),
  ];
  const monStrasbourg = await startMonStrasbourgSimulator({
    host: url.hostname,
    port: Number(url.port || 80),
    publicUrl: url.origin,
    apiAudience: config.OIDC_AUDIENCE,
    signing: config.OIDC_HS256_SECRET ? "HS256" : "RS256",
    ...(config.OIDC_HS256_SECRET ? { hs256AccessTokenSecret: config.OIDC_HS256_SECRET } : {}),
    restApi: { username: config.MONSTRASBOURG_API_USERNAME, password: config.MONSTRASBOURG_API_PASSWORD },
    publikSignatureKeys: { [config.MONSTRASBOURG_SIGNATURE_ORIG]: config.MONSTRASBOURG_SIGNATURE_KEY },
    platformClientSecret: config.OIDC_CLIENT_SECRET,
    platformRedirectUris: origins.map((origin) => `${origin}/auth/callback`),
    platformPostLogoutRedirectUris: origins.map((origin) => `${origin}/`),
    logger: log.child({ simulator: "monstrasbourg" }),
    // Its signing keys survive a restart, so that tokens issued before it stay valid (empty setting: new keys).
    ...(config.MONSTRASBOURG_SIMULATOR_KEYS_FILE
      ? { keysFile: config.MONSTRASBOURG_SIMULATOR_KEYS_FILE }
      : {}),
  });
  log.info({ url: monStrasbourg.url }, "MonStrasbourg.eu simulator started (development only)");
  // The directory's sources (Strasbourg.eu, open data); a busy port is reported, not fatal.
  const directorySources = await startDirectorySimulators(config, log);
  // The national address base, for reports located by an address only.
  const ban = await tryStart("Base Adresse Nationale", config.REPORTS_GEOCODER_URL, log, (host, port) =>
    startBanSimulator({ host, port }),
  );
  return {
    close: async () => {
      await monStrasbourg.close();
      await directorySources.close();
      await ban?.();
    },
  };
}
