// What every resolver of every subgraph receives.

import type { Cache } from "./cache/cache.ts";
import type { Caller } from "./caller.ts";
import type { Config } from "./config.ts";
import type { Database } from "./db/database.ts";
import type { InternalClient } from "./internalClient.ts";
import type { Logger } from "./logger.ts";

/** Long-lived dependencies of a subgraph process, built once at start-up. */
export interface SubgraphDeps {
  config: Config;
  db: Database;
  cache: Cache;
  log: Logger;
  /** Calls to other subgraphs' APIs (as the system caller), for the rare data a subgraph needs from another. */
  internal: InternalClient;
}

/** Per-request context: the verified caller, the request id, and per-request DataLoaders. */
export interface SubgraphContext<Loaders extends object = object> extends SubgraphDeps {
  caller: Caller;
  requestId: string;
  loaders: Loaders;
}
