// Staff add a step to a project's timeline (after the others). A step that has already started when it is added
// is not announced; one that starts later is announced when it starts (advanceParticipation.ts).
import type { CommandContext } from "./context.ts";
import type { ProjectRecord, StepRecord } from "./model.ts";
import { invalid, isProblem, type Problem, projectNotFound } from "./problems.ts";
import { MAX_STEPS, type StepInput, toStep } from "./timeline.ts";

export async function addProjectStep(
  projectId: string,
  input: StepInput,
  ctx: CommandContext,
): Promise<{ project: ProjectRecord; step: StepRecord } | Problem> {
  return ctx.store.transaction(async (tx) => {
    const project = await tx.lockProject(projectId);
    if (!project) return projectNotFound();
    const position = await tx.nextStepPosition(projectId);
    if (position >= MAX_STEPS) return invalid("input", `Au plus ${MAX_STEPS} étapes.`);
    const step = toStep(input, projectId, position, "input");
    if (isProblem(step)) return step;
    await tx.insertSteps([step], ctx.now);
    return { project, step };
  });
}
