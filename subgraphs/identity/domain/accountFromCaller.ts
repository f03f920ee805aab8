// What a sign-in tells the platform about an account: pure, so it is tested without a database.
import type { Caller } from "../../../platform/caller.ts";
import type { AccountSnapshot } from "../ports/accountStore.ts";

/** The account snapshot for a person's caller, or null for anonymous callers, partners and callers without subject. */
export function accountFromCaller(caller: Caller): AccountSnapshot | null {
  if (caller.kind !== "citizen" && caller.kind !== "staff") return null;
  if (!caller.accountId || !caller.subject) return null;
  return {
    id: caller.accountId,
    subject: caller.subject,
    verificationLevel: caller.verificationLevel === "none" ? "unverified" : caller.verificationLevel,
    roles: caller.roles,
    staffService: caller.staffService,
  };
}
