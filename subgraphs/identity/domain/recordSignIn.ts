// Keeps the local account in step with what the gateway verified, without writing on every request:
// at most once per window and account (the cache remembers recent writes). Bookkeeping is best effort
// (platform/cache/outagePolicy.ts): with the cache down the window is kept in this process instead, so `me`
// keeps answering and the database is not written on every request of the outage.
import { LRUCache } from "lru-cache";
import type { Cache } from "../../../platform/cache/cache.ts";
import { withCacheOutagePolicy } from "../../../platform/cache/outagePolicy.ts";
import type { Caller } from "../../../platform/caller.ts";
import type { Logger } from "../../../platform/logger.ts";
import type { AccountStore } from "../ports/accountStore.ts";
import { accountFromCaller } from "./accountFromCaller.ts";

const REFRESH_WINDOW_SECONDS = 300;

/** The in-process window, per cache (one per platform), bounded: a forgotten entry only costs one more write. */
const localWindows = new WeakMap<Cache, LRUCache<string, true>>();

function seenLocally(cache: Cache, key: string): boolean {
  let window = localWindows.get(cache);
  if (!window) {
    window = new LRUCache<string, true>({ max: 10_000, ttl: REFRESH_WINDOW_SECONDS * 1000 });
    localWindows.set(cache, window);
  }
  if (window.has(key)) return true;
  window.set(key, true);
  return false;
}

export async function recordSignIn(
  caller: Caller,
  store: AccountStore,
  cache: Cache,
  log?: Logger,
): Promise<void> {
  const snapshot = accountFromCaller(caller);
  if (!snapshot) return;
  const fingerprint = `${snapshot.verificationLevel}|${snapshot.roles.join(",")}|${snapshot.staffService ?? ""}`;
  const key = `identity:seen:${snapshot.id}:${fingerprint}`;
  const fresh = await withCacheOutagePolicy(
    "signInBookkeeping",
    () => cache.setIfAbsent(key, "1", REFRESH_WINDOW_SECONDS),
    () => !seenLocally(cache, key),
    log,
  );
  if (fresh) await store.upsertFromSignIn(snapshot);
}
