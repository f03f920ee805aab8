// Whether a target exists and is open to comments, asked at the moment of posting of the subgraph that owns it,
// through its public query as the platform's system caller (ctx.internal: in-process in `npm start`, signed HTTP in
// distributed mode). Chosen over events: posting must be refused at once when a petition has just closed, and a
// local copy fed by events would lag behind and need its own backfill. The cost is one small call per post (never
// per read); when the owner does not answer, posting fails with UPSTREAM_UNAVAILABLE, reading is unaffected.
import type { SubgraphName } from "../../../platform/config.ts";
import { upstreamUnavailable } from "../../../platform/errors.ts";
import type { InternalClient } from "../../../platform/internalClient.ts";
import type { Target, TargetType } from "../domain/model.ts";
import type { CommentTargets, TargetStatus } from "../ports/commentTargets.ts";

interface TargetQuery {
  subgraph: SubgraphName;
  query: string;
  /** The entity's state from the answer: open, closed, or null when it does not exist (or is not public). */
  status(data: Record<string, unknown>): TargetStatus;
}

/** A petition takes comments while it is public and alive: published (signing) or answered by the city. */
const PETITION_OPEN = new Set(["PUBLISHED", "ANSWERED"]);
/** A budget project takes comments from its submission until it is decided or built. */
const BUDGET_PROJECT_OPEN = new Set([
  "SUBMITTED",
  "ADMISSIBLE",
  "UNDER_STUDY",
  "FEASIBLE",
  "SELECTED",
  "IN_PROGRESS",
]);

const QUERIES: Record<TargetType, TargetQuery> = {
  petition: {
    subgraph: "petitions",
    query: "query CommentTarget($id: ID!) { petition(id: $id) { state } }",
    status: (data) => {
      const petition = data.petition as { state: string } | null;
      if (!petition) return "not_found";
      return PETITION_OPEN.has(petition.state) ? "open" : "closed";
    },
  },
  budget_project: {
    subgraph: "budget",
    query: "query CommentTarget($id: ID!) { budgetProject(id: $id) { status } }",
    status: (data) => {
      const project = data.budgetProject as { status: string } | null;
      if (!project) return "not_found";
      return BUDGET_PROJECT_OPEN.has(project.status) ? "open" : "closed";
    },
  },
  // The city's projects and consultations say themselves whether they take comments: staff's switch, and for a
  // consultation its publication (an unpublished one is null for the system caller: not found).
  project: {
    subgraph: "participation",
    query: "query CommentTarget($id: ID!) { project(id: $id) { commentsOpen } }",
    status: (data) => openWhen(data.project),
  },
  consultation: {
    subgraph: "participation",
    query: "query CommentTarget($id: ID!) { consultation(id: $id) { commentsOpen } }",
    status: (data) => openWhen(data.consultation),
  },
};

function openWhen(entity: unknown): TargetStatus {
  if (!entity) return "not_found";
  return (entity as { commentsOpen: boolean }).commentsOpen ? "open" : "closed";
}

export function internalCommentTargets(internal: InternalClient): CommentTargets {
  return {
    async status(target: Target) {
      const { subgraph, query, status } = QUERIES[target.type];
      let data: Record<string, unknown>;
      try {
        data = await internal.request<Record<string, unknown>>(subgraph, query, { id: target.id });
      } catch {
        throw upstreamUnavailable(subgraph);
      }
      return status(data ?? {});
    },
  };
}
