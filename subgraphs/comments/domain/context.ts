// What every command receives: the store, the rules, the verified caller's account and the clock.
import type { CommentStore } from "../ports/commentStore.ts";
import type { CommentTargets } from "../ports/commentTargets.ts";
import type { CommentRules } from "./rules.ts";

export interface CommandContext {
  store: CommentStore;
  targets: CommentTargets;
  rules: CommentRules;
  /** The person acting (permissions let only personal accounts reach the commands that need one). */
  accountId: string;
  now: Date;
}

export type NotFound = { kind: "not_found" };
export type StateConflict = { kind: "state_conflict"; state: import("./model.ts").CommentState };
