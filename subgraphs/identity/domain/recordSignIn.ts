// Keeps the local account in step with what the gateway verified, without writing on every request:
// at most once per window and account (the cache remembers recent writes).
import type { Cache } from "../../kit/cache/cache.ts";
import type { Caller } from "../../kit/caller.ts";
import type { AccountStore } from "../ports/accountStore.ts";
import { accountFromCaller } from "./accountFromCaller.ts";

const REFRESH_WINDOW_SECONDS = 300;

export async function recordSignIn(caller: Caller, store: AccountStore, cache: Cache): Promise<void> {
  const snapshot = accountFromCaller(caller);
  if (!snapshot) return;
  const fingerprint = `${snapshot.verificationLevel}|${snapshot.roles.join(",")}|${snapshot.staffService ?? ""}`;
  const fresh = await cache.setIfAbsent(
    `identity:seen:${snapshot.id}:${fingerprint}`,
    "1",
    REFRESH_WINDOW_SECONDS,
  );
  if (fresh) await store.upsertFromSignIn(snapshot);
}
