// What the Observatory's commands receive: their store, the verified caller and the clock.
import type { Caller } from "../../../../platform/caller.ts";
import type { ReferralStore } from "../../ports/referralStore.ts";

export interface ReferralContext {
  referrals: ReferralStore;
  caller: Caller;
  now: Date;
}
