// Per-request loaders of the comments subgraph: each batch is one SQL statement.
import DataLoader from "dataloader";
import type { Caller } from "../../platform/caller.ts";
import type { SubgraphDeps } from "../../platform/context.ts";
import { isUuid } from "../../platform/ids.ts";
import { byIdLoader } from "../../platform/loaders.ts";
import { internalCommentTargets } from "./adapters/internalCommentTargets.ts";
import { sqlCommentStore, targetKey } from "./adapters/sqlCommentStore.ts";
import type { Target, VoteValue } from "./domain/model.ts";
import { COMMENT_RULES } from "./domain/rules.ts";

function countLoader(fetch: (targets: readonly Target[]) => Promise<Map<string, number>>) {
  return new DataLoader<Target, number, string>(
    async (targets) => {
      const counts = await fetch(targets);
      return targets.map((target) => counts.get(targetKey(target)) ?? 0);
    },
    { cacheKeyFn: targetKey },
  );
}

export function createCommentLoaders(deps: SubgraphDeps, caller: Caller) {
  const store = sqlCommentStore(deps.db.prisma);
  const accountId = caller.accountId;
  return {
    store,
    targets: internalCommentTargets(deps.internal),
    rules: COMMENT_RULES,
    comment: byIdLoader((ids) => store.byIds(ids.filter((id) => isUuid(id)))),
    topLevelCount: countLoader((targets) => store.countTopLevel(targets)),
    visibleCount: countLoader((targets) => store.countVisible(targets)),
    /** The caller's vote on each comment (none for a caller without an account). */
    myVote: new DataLoader<string, VoteValue | null>(async (ids) => {
      if (!accountId) return ids.map(() => null);
      const votes = await store.votesOf(accountId, ids);
      return ids.map((id) => votes.get(id) ?? null);
    }),
  };
}

export type CommentLoaders = ReturnType<typeof createCommentLoaders>;
