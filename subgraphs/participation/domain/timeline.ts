// A timeline step as given by staff, checked and turned into a record.
import { newId } from "../../../platform/ids.ts";
import type { StepRecord } from "./model.ts";
import { invalid, type Problem } from "./problems.ts";
import { BODY, TITLE, text } from "./validate.ts";

export interface StepInput {
  title: string;
  description?: string | null;
  startsAt: Date;
  endsAt?: Date | null;
}

export const MAX_STEPS = 30;

export function toStep(
  input: StepInput,
  projectId: string,
  position: number,
  field: string,
): StepRecord | Problem {
  const title = text(`${field}.title`, input.title, TITLE);
  if (typeof title !== "string") return title;
  const description = text(`${field}.description`, input.description ?? "", BODY);
  if (typeof description !== "string") return description;
  if (input.endsAt && input.endsAt <= input.startsAt)
    return invalid(`${field}.endsAt`, "La fin d'une étape doit suivre son début.");
  return {
    id: newId(),
    projectId,
    position,
    title,
    description,
    startsAt: input.startsAt,
    endsAt: input.endsAt ?? null,
  };
}
