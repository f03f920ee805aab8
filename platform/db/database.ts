// The one database handle of a process: Prisma on the right driver adapter, plus raw SQL for migrations, seeds
// and health checks. Without DATABASE_URL it is an embedded PGlite (PostgreSQL in WebAssembly) persisted on disk,
// so `npm start` needs nothing installed; with DATABASE_URL it is a pg Pool on a real PostgreSQL server.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { PGlite, type Transaction as PGliteTransaction } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { cube } from "@electric-sql/pglite/contrib/cube";
import { earthdistance } from "@electric-sql/pglite/contrib/earthdistance";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { pgcrypto } from "@electric-sql/pglite/contrib/pgcrypto";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../../prisma/generated/client.ts";
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import { observeDatabasePool } from "../telemetry/metrics.ts";
import { withSqlSpan } from "../telemetry/sqlSpans.ts";
import { describeConnectError } from "./connectError.ts";
import { countStatements } from "./countStatements.ts";
import { acquireDataDirLock } from "./dataDirLock.ts";

/** Raw SQL on one connection (the pool, or the connection of a transaction). */
export interface SqlRunner {
  /** Parameterised SQL ($1, $2…); int8 values come back as numbers on both backends. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Several statements at once, no parameters (migrations, seeds). */
  exec(sql: string): Promise<void>;
}

export interface Database extends SqlRunner {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  /** Throws when the database cannot answer (used by /ready). */
  ping(): Promise<void>;
  /** SQL statements sent through Prisma since open (transaction control excluded). Monotonic. */
  statementCount(): number;
  /** Runs fn in one transaction on one connection: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** PGlite only: the data folder as an uncompressed tarball (tests start other databases from it). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Overrides config.PGLITE_DATA_DIR (tests use "memory://"). */
  pgliteDataDir?: string;
  /** PGlite only: starts from this data folder (a dumpDataDir tarball) instead of an empty cluster. */
  pgliteLoadDataDir?: Blob;
}

/** Every extension the migrations create: loaded into PGlite, available on the PostgreSQL server. */
const PGLITE_EXTENSIONS = { pg_trgm, unaccent, cube, earthdistance, btree_gist, pgcrypto };

const CONNECT_TIMEOUT_MS = 5_000;

export async function openDatabase(
  config: Config,
  log: Logger,
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  if (config.DATABASE_URL)
    return openPostgres(config.DATABASE_URL, config.DATABASE_POOL_MAX, config.DATABASE_POOL_WAIT_MS, log);
  return openPglite(options.pgliteDataDir ?? config.PGLITE_DATA_DIR, log, options.pgliteLoadDataDir);
}

async function openPglite(dataDir: string, log: Logger, loadDataDir?: Blob): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  const location = inMemory ? dataDir : resolve(dataDir);
  let releaseLock = (): void => {};
  if (!inMemory) {
    mkdirSync(location, { recursive: true });
    releaseLock = acquireDataDirLock(location);
  }
  const started = performance.now();
  let client: PGlite;
  try {
    client = await PGlite.create(location, {
      extensions: PGLITE_EXTENSIONS,
      ...(loadDataDir ? { loadDataDir } : {}),
    });
    // pglite-prisma-adapter rewrites any timestamptz offset to +00:00 without converting: keep the session in UTC.
    await client.exec("SET TIME ZONE 'UTC'");
  } catch (error) {
    releaseLock();
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new Error(
      `Cannot open the embedded PGlite database in ${location}: ${reason} — run \`npm run db:reset\` to start from an empty folder, or set DATABASE_URL`,
    );
  }
  log.info({ dataDir: location, ms: Math.round(performance.now() - started) }, "PGlite opened");

  const counter = { statements: 0 };
  const adapter = countStatements(new PrismaPGlite(client), () => counter.statements++);
  const prisma = new PrismaClient({ adapter });
  const runner = pgliteRunner(client);
  let closed = false;

  return {
    kind: "pglite",
    prisma,
    ...runner,
    async ping() {
      await client.query("SELECT 1");
    },
    statementCount: () => counter.statements,
    transaction: (fn) => client.transaction((tx) => fn(pgliteRunner(tx))),
    dumpDataDir: () => client.dumpDataDir("none"),
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await client.close();
      releaseLock();
    },
  };
}

function pgliteRunner(client: PGlite | PGliteTransaction): SqlRunner {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      return withSqlSpan("postgresql", sql, async () => (await client.query<T>(sql, params)).rows);
    },
    async exec(sql: string) {
      await withSqlSpan("postgresql", sql, () => client.exec(sql));
    },
  };
}

/**
 * pg's client with its own connect timeout. pg-pool uses one setting, `connectionTimeoutMillis`, for two waits: opening
 * a connection to the server, and waiting in the pool's queue for a connection another request holds. At 5 s for
 * both, a burst larger than the pool (a thousand people answering a questionnaire at once on 10 connections) made
 * the requests at the back of the queue fail with "timeout exceeded when trying to connect" — read as a database
 * outage (UNAVAILABLE) while the server was perfectly reachable and answering. The pool's setting now bounds the
 * queue (DATABASE_POOL_WAIT_MS); reaching the server keeps its short limit here.
 */
class BoundedConnectClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  }
}

async function openPostgres(
  databaseUrl: string,
  poolMax: number,
  poolWaitMs: number,
  log: Logger,
): Promise<Database> {
  const url = new URL(databaseUrl);
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolMax,
    // The wait for a free connection (0: no limit). Requests beyond the pool queue in order rather than fail.
    connectionTimeoutMillis: poolWaitMs,
    Client: BoundedConnectClient,
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on("error", (error) =>
    log.warn({ code: (error as NodeJS.ErrnoException).code }, "idle PostgreSQL connection lost"),
  );

  // Fail fast: a wrong DATABASE_URL is reported at start-up in one line, not at the first request.
  try {
    const connection = await pool.connect();
    connection.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw describeConnectError(error, url, CONNECT_TIMEOUT_MS);
  }
  log.info(
    { host: url.hostname, port: url.port || "5432", database: url.pathname.slice(1), poolMax },
    "PostgreSQL connected",
  );

  const counter = { statements: 0 };
  const adapter = countStatements(new PrismaPg(pool), () => counter.statements++);
  const prisma = new PrismaClient({ adapter });
  let closed = false;
  // Pool usage on the metrics endpoint (parvis_db_pool_connections).
  const stopObserving = observeDatabasePool(() => ({
    total: pool.totalCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
    max: poolMax,
  }));

  return {
    kind: "postgres",
    prisma,
    ...pgRunner(pool),
    async ping() {
      await pool.query("SELECT 1");
    },
    statementCount: () => counter.statements,
    async transaction(fn) {
      const connection = await pool.connect();
      try {
        await connection.query("BEGIN");
        const result = await fn(pgRunner(connection));
        await connection.query("COMMIT");
        return result;
      } catch (error) {
        await connection.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        connection.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      stopObserving();
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** pg returns int8 (counts, sums) as strings, PGlite as numbers: make raw queries agree on numbers. */
const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === pg.types.builtins.INT8) {
      return (value: string) => {
        const asNumber = Number(value);
        return Number.isSafeInteger(asNumber) ? asNumber : BigInt(value);
      };
    }
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

function pgRunner(client: pg.Pool | pg.PoolClient): SqlRunner {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await withSqlSpan("postgresql", sql, () =>
        client.query({ text: sql, values: params, types: pgTypes }),
      );
      return result.rows as T[];
    },
    async exec(sql: string) {
      // Without parameters pg uses the simple query protocol, which accepts several statements.
      await withSqlSpan("postgresql", sql, () => client.query(sql));
    },
  };
}
