// Starts the simulators of the directory's sources for `npm start` in development: Strasbourg.eu on the port of
// STRASBOURG_EU_URL (4201) and the open-data portal on the port of OPENDATA_URL (4202), with the credentials the
// platform is configured with. Neither is needed to sign in or to serve the directory's last good copy, so a port
// already in use is reported and skipped instead of stopping the platform.
import type { Config } from "../../platform/config.ts";
import type { Logger } from "../../platform/logger.ts";
import { startOpenDataSimulator } from "../opendata/index.ts";
import { startStrasbourgEuSimulator } from "./index.ts";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** Starts a simulator on the port of a local URL; a busy port is reported and skipped. */
export async function tryStart(
  name: string,
  url: string,
  log: Logger,
  start: (host: string, port: number) => Promise<{ url: string; close(): Promise<void> }>,
): Promise<(() => Promise<void>) | null> {
  const target = new URL(url);
  // Configured to a real system (another host): nothing to simulate.
  if (!LOCAL_HOSTS.has(target.hostname)) return null;
  try {
    const simulator = await start(target.hostname, Number(target.port || 80));
    log.info({ url: simulator.url }, `${name} simulator started (development only)`);
    return () => simulator.close();
  } catch (error) {
    log.warn(
      { url, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).name },
      `${name} simulator not started`,
    );
    return null;
  }
}

export async function startDirectorySimulators(
  config: Config,
  log: Logger,
): Promise<{ close(): Promise<void> }> {
  const closers = (
    await Promise.all([
      tryStart("Strasbourg.eu", config.STRASBOURG_EU_URL, log, (host, port) =>
        startStrasbourgEuSimulator({
          host,
          port,
          credentials: {
            username: config.STRASBOURG_EU_API_USERNAME,
            password: config.STRASBOURG_EU_API_PASSWORD,
          },
        }),
      ),
      tryStart("Open-data portal", config.OPENDATA_URL, log, (host, port) =>
        startOpenDataSimulator({ host, port }),
      ),
    ])
  ).filter((close): close is () => Promise<void> => close !== null);
  return {
    close: async () => {
      for (const close of closers) await close();
    },
  };
}
