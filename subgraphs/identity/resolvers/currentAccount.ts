// The signed-in person's account, recorded (or refreshed) on the way.
import type { SubgraphContext } from "../../../platform/context.ts";
import { recordSignIn } from "../domain/recordSignIn.ts";
import type { IdentityLoaders } from "../loaders.ts";
import type { AccountRecord } from "../ports/accountStore.ts";

export async function currentAccount(ctx: SubgraphContext<IdentityLoaders>): Promise<AccountRecord | null> {
  if (!ctx.caller.accountId) return null;
  await recordSignIn(ctx.caller, ctx.loaders.store, ctx.cache, ctx.log);
  return ctx.loaders.account.load(ctx.caller.accountId);
}
