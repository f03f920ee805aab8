// Shared by the cache backends; kept apart from cache.ts so that the backends do not import the factory (no cycle).

/**
 * Every backend failure surfaces as this error. Its message never carries keys or values (ioredis attaches the
 * command's arguments to its errors; they are dropped here so that logging the error cannot leak them).
 */
export class CacheError extends Error {
  override name = "CacheError";
  readonly operation: string;

  constructor(operation: string, reason: string) {
    super(`cache ${operation} failed: ${reason}`);
    this.operation = operation;
  }
}

export function isCacheError(error: unknown): error is CacheError {
  return error instanceof CacheError;
}

/** Seconds → milliseconds for TTLs; fractions are kept (tests use sub-second TTLs), at least 1 ms. */
export function ttlMilliseconds(ttlSeconds: number): number {
  return Math.max(1, Math.ceil(ttlSeconds * 1000));
}

/** setIfAbsent and increment exist for expiring records: a missing or non-positive ttl is a programming error. */
export function requirePositiveTtl(operation: string, ttlSeconds: number): void {
  if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new RangeError(`cache ${operation} needs a positive ttlSeconds`);
  }
}
