// What every command receives: the store, the rules, the verified caller and the clock. Ports to other systems
// (the directory, for quartiers) are given only to the commands that need them.
import type { Caller } from "../../../platform/caller.ts";
import type { PetitionStore } from "../ports/petitionStore.ts";
import type { PetitionRules } from "./rules.ts";

export interface CommandContext {
  store: PetitionStore;
  rules: PetitionRules;
  caller: Caller;
  now: Date;
  /** LEDGER_TOKEN_SECRET: the per-petition pseudonym of a signer. */
  tokenSecret: string;
}

/** Answers whether a quartier exists (the directory subgraph owns them). */
export interface QuartierDirectory {
  exists(quartierId: string): Promise<boolean>;
}
