// One synchronisation of one source's listing into the directory. The city's web services have no "changed since"
// parameter, so each run reads the full listing and makes it incremental here: a record whose normalised content
// hashes to what is stored is left alone (only its fetchedAt moves), others are created or updated, and records
// that disappeared from the listing are marked deleted (never removed: links to them stay valid).
//
// Nothing is lost on the way:
// - an upstream failure ends the run as "failed" before anything is written: the last good data stays served;
// - a malformed record is logged (its id and the reason, never its content), counted and skipped;
// - a listing that would delete more than `maxDeleteRatio` of the active records (an empty or truncated answer) does
//   not delete: the run is "partial" and says why.
import type { Logger } from "../../../../platform/logger.ts";
import type { SourceEntry } from "../../ports/placeStore.ts";
import type { Rejection, SyncCounts, SyncRunRecord, SyncStore } from "../../ports/syncStore.ts";
import { MalformedRecord, type ParsedRecord, rawId } from "./strasbourgEuRecords.ts";

/** Rejections kept on the run (all of them are counted and logged). */
export const MAX_REJECTIONS_KEPT = 50;

export interface SourceTarget<Content> {
  sourceIndex(): Promise<SourceEntry[]>;
  upsert(sourceId: string, content: Content, hash: string, fetchedAt: Date): Promise<"created" | "updated">;
  touch(sourceIds: readonly string[], fetchedAt: Date): Promise<void>;
  markDeleted(sourceIds: readonly string[], at: Date): Promise<number>;
}

export interface SyncSourceOptions<Content> {
  source: string;
  /** Reads the full listing; throws when the upstream is unavailable. */
  fetchListing: () => Promise<unknown>;
  parse: (raw: unknown) => ParsedRecord<Content>;
  target: SourceTarget<Content>;
  store: SyncStore;
  log: Logger;
  maxDeleteRatio: number;
  now?: () => Date;
}

export function emptyCounts(): SyncCounts {
  return { fetched: 0, created: 0, updated: 0, unchanged: 0, deleted: 0, malformed: 0 };
}

/** A short reason for a failed run: the kind of failure, never an upstream payload. */
export function failureReason(error: unknown): string {
  if (error && typeof error === "object" && "kind" in error && "upstream" in error) {
    return `source indisponible (${String((error as { upstream: unknown }).upstream)} : ${String((error as { kind: unknown }).kind)})`;
  }
  return error instanceof Error ? `${error.name}` : "erreur inconnue";
}

export async function syncSource<Content>(options: SyncSourceOptions<Content>): Promise<SyncRunRecord> {
  const now = options.now ?? (() => new Date());
  const { source, store, log } = options;
  const runId = await store.start(source, now());
  const counts = emptyCounts();
  const rejections: Rejection[] = [];

  let listing: unknown;
  try {
    listing = await options.fetchListing();
  } catch (error) {
    const reason = failureReason(error);
    log.warn({ source, reason }, "synchronisation failed: the previous data is kept");
    return store.finish(runId, { status: "failed", counts, rejections, error: reason }, now());
  }
  if (!Array.isArray(listing)) {
    const reason = "réponse inattendue : une liste était attendue";
    log.warn({ source }, "synchronisation failed: the listing is not an array; the previous data is kept");
    return store.finish(runId, { status: "failed", counts, rejections, error: reason }, now());
  }

  const reject = (sourceId: string | null, reason: string) => {
    counts.malformed++;
    if (rejections.length < MAX_REJECTIONS_KEPT) rejections.push({ sourceId, reason });
    log.warn({ source, sourceId, reason }, "malformed upstream record skipped");
  };

  const fetchedAt = now();
  counts.fetched = listing.length;
  // Ids seen upstream, valid or not: a record that is malformed this time is still there and must not be deleted.
  const seen = new Set<string>();
  const parsed: ParsedRecord<Content>[] = [];
  for (const raw of listing) {
    const id = rawId(raw);
    try {
      const record = options.parse(raw);
      if (seen.has(record.sourceId)) {
        reject(record.sourceId, "identifiant en double dans la liste");
        continue;
      }
      seen.add(record.sourceId);
      parsed.push(record);
    } catch (error) {
      if (id) seen.add(id);
      if (error instanceof MalformedRecord) reject(error.sourceId ?? id, error.message);
      else reject(id, "enregistrement illisible");
    }
  }

  const index = new Map((await options.target.sourceIndex()).map((entry) => [entry.sourceId, entry]));
  const unchanged: string[] = [];
  for (const record of parsed) {
    const existing = index.get(record.sourceId);
    if (existing && !existing.deleted && existing.contentHash === record.hash) {
      unchanged.push(record.sourceId);
      continue;
    }
    try {
      const outcome = await options.target.upsert(record.sourceId, record.content, record.hash, fetchedAt);
      counts[outcome]++;
    } catch (error) {
      // One record the database refuses (a constraint, a value too large) must not stop the others.
      reject(record.sourceId, `écriture refusée (${error instanceof Error ? error.name : "erreur"})`);
    }
  }
  await options.target.touch(unchanged, fetchedAt);
  counts.unchanged = unchanged.length;

  const active = [...index.values()].filter((entry) => !entry.deleted);
  const missing = active.filter((entry) => !seen.has(entry.sourceId)).map((entry) => entry.sourceId);
  let status: "succeeded" | "partial" = "succeeded";
  let note: string | null = null;
  if (missing.length > 0 && missing.length > options.maxDeleteRatio * active.length) {
    status = "partial";
    note =
      `suppressions suspendues : ${missing.length} enregistrement(s) absent(s) sur ${active.length} ` +
      `(plus de ${Math.round(options.maxDeleteRatio * 100)} %) — réponse incomplète de la source ?`;
    log.warn(
      { source, missing: missing.length, active: active.length },
      "deletions held back: too many records missing",
    );
  } else {
    counts.deleted = await options.target.markDeleted(missing, fetchedAt);
  }
  const run = await store.finish(runId, { status, counts, rejections, error: note }, now());
  log.info({ source, status, ...counts }, "synchronisation done");
  return run;
}
