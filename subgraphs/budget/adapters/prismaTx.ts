// What the budget's Prisma stores share: the interactive transaction's client, raw rows and the bounds of a
// transaction.
import type { PrismaClient } from "../../../prisma/generated/client.ts";

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export type Row = Record<string, unknown>;

/**
 * Interactive transactions wait for a connection (or PGlite's single one) up to maxWait: under a burst of ballots
 * every cast queues there, so the bounds are generous; a transaction itself is a handful of statements.
 */
export const TRANSACTION_OPTIONS = { maxWait: 60_000, timeout: 30_000 };

/** Raw SQL inside the transaction, with positional parameters. */
export const rawQuery =
  (tx: Tx) =>
  <T = Row>(sql: string, ...values: unknown[]) =>
    tx.$queryRawUnsafe<T[]>(sql, ...values);
