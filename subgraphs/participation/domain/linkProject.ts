// Staff link a project to a petition, a budget project or an agenda event. The target belongs to another
// subgraph: it is stored as an entity reference, and the gateway resolves it there (a target that disappears reads
// as null, never as an error).
import type { CommandContext } from "./context.ts";
import type { LinkKind, ProjectRecord } from "./model.ts";
import { type Problem, projectNotFound } from "./problems.ts";

export async function linkProject(
  projectId: string,
  kind: LinkKind,
  targetId: string,
  ctx: CommandContext,
): Promise<{ project: ProjectRecord } | Problem> {
  return ctx.store.transaction(async (tx) => {
    const project = await tx.lockProject(projectId);
    if (!project) return projectNotFound();
    await tx.insertLink({ projectId, kind, targetId });
    return { project };
  });
}
