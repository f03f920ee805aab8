// One process per PGlite data folder. PGlite has no lock of its own: two processes opening the same folder both
// "work" and then corrupt each other's files. A lock file next to the folder (not inside: PGlite would take a
// non-empty new folder for an initialised one) records the owner's pid, so a second opener gets a clear refusal.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { resolve } from "node:path";

export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
}

interface LockOwner {
  pid: number;
  host: string;
}

/** Data folders this process has locked; a second open from the same process is refused too. */
const heldHere = new Set<string>();

export function lockPathFor(dataDir: string): string {
  return `${resolve(dataDir)}.lock`;
}

/** Takes the lock on a data folder; returns the function that releases it. Throws DataDirLockedError when held. */
export function acquireDataDirLock(dataDir: string): () => void {
  const folder = resolve(dataDir);
  const lockPath = lockPathFor(folder);
  if (heldHere.has(folder)) {
    throw new DataDirLockedError(
      `The PGlite data folder ${folder} is already open in this process — reuse that Database instead of opening it twice`,
    );
  }
  // Two attempts: the second one follows the removal of a stale lock left by a process that died.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname() } satisfies LockOwner));
      closeSync(fd);
      heldHere.add(folder);
      const release = (): void => {
        if (!heldHere.delete(folder)) return;
        rmSync(lockPath, { force: true });
        process.off("exit", release);
      };
      // A crash or Ctrl-C still runs "exit" handlers in most cases; a SIGKILL leaves a stale lock, detected below.
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readOwner(lockPath);
      if (owner && isAlive(owner)) {
        throw new DataDirLockedError(
          `The PGlite data folder ${folder} is already used by process ${owner.pid}${owner.host === hostname() ? "" : ` on ${owner.host}`} — ` +
            `PGlite allows one process per folder: stop that process, set PGLITE_DATA_DIR to another folder, or set DATABASE_URL to share a PostgreSQL server` +
            ` (if no such process exists, delete ${lockPath})`,
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(
    `Could not lock the PGlite data folder ${folder} (${lockPath} keeps reappearing)`,
  );
}

function readOwner(lockPath: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(lockPath, "utf8")) as Partial<LockOwner>;
    if (typeof parsed.pid === "number" && typeof parsed.host === "string")
      return { pid: parsed.pid, host: parsed.host };
  } catch {
    // Unreadable or half-written lock: treated as stale.
  }
  return undefined;
}

function isAlive(owner: LockOwner): boolean {
  // A pid from another machine (shared folder) cannot be checked here: assume its owner is still running.
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
