// Whether what someone wants to comment on exists and is open to comments. The target belongs to another subgraph:
// asked there, at the moment of posting (see adapters/internalCommentTargets.ts).
import type { Target } from "../domain/model.ts";

export type TargetStatus = "open" | "closed" | "not_found";

export interface CommentTargets {
  status(target: Target): Promise<TargetStatus>;
}
