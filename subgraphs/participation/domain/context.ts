// What every command receives: the store, the verified caller and the clock.
import type { Caller } from "../../../platform/caller.ts";
import type { ParticipationStore } from "../ports/participationStore.ts";

export interface CommandContext {
  store: ParticipationStore;
  caller: Caller;
  now: Date;
}
