// Staff create a project with its timeline. Steps already started are not announced: nobody follows a project
// that did not exist, and followers are told of what starts from now on.
import { newId } from "../../../platform/ids.ts";
import type { CommandContext } from "./context.ts";
import type { Place, ProjectRecord, StepRecord } from "./model.ts";
import { invalid, isProblem, type Problem } from "./problems.ts";
import { MAX_STEPS, type StepInput, toStep } from "./timeline.ts";
import {
  BODY,
  coordinates,
  firstProblem,
  httpsUrl,
  optionalText,
  SHORT,
  SUMMARY,
  TITLE,
  text,
  uuids,
} from "./validate.ts";

export interface CreateProjectInput {
  title: string;
  summary: string;
  body?: string | null;
  budget?: string | null;
  label?: string | null;
  duration?: string | null;
  partners?: string[] | null;
  contact?: string | null;
  imageUrl?: string | null;
  responsibleService?: string | null;
  places?: Place[] | null;
  quartierIds?: string[] | null;
  communeIds?: string[] | null;
  timeline?: StepInput[] | null;
}

export async function createProject(
  input: CreateProjectInput,
  ctx: CommandContext,
): Promise<{ project: ProjectRecord } | Problem> {
  const id = newId();
  const fields = {
    title: text("title", input.title, TITLE),
    summary: text("summary", input.summary, SUMMARY),
    body: text("body", input.body ?? "", BODY),
    budget: optionalText("budget", input.budget, SHORT),
    label: optionalText("label", input.label, SHORT),
    duration: optionalText("duration", input.duration, SHORT),
    contact: optionalText("contact", input.contact, SHORT),
    service: optionalText("responsibleService", input.responsibleService, SHORT),
    imageUrl: input.imageUrl ? httpsUrl("imageUrl", input.imageUrl) : null,
    quartierIds: uuids("quartierIds", input.quartierIds),
    communeIds: uuids("communeIds", input.communeIds),
  };
  const problem = firstProblem(Object.values(fields));
  if (problem) return problem;
  const partners: string[] = [];
  for (const [index, partner] of (input.partners ?? []).entries()) {
    const cleaned = text(`partners[${index}]`, partner, SHORT);
    if (isProblem(cleaned)) return cleaned;
    partners.push(cleaned);
  }
  if (partners.length > 30) return invalid("partners", "Au plus 30 partenaires.");
  const places: Place[] = [];
  for (const [index, place] of (input.places ?? []).entries()) {
    const name = text(`places[${index}].name`, place.name, SHORT);
    if (isProblem(name)) return name;
    const outOfRange = coordinates(`places[${index}]`, place.lat, place.lon);
    if (outOfRange) return outOfRange;
    places.push({ name, lat: place.lat, lon: place.lon });
  }
  if (places.length > 20) return invalid("places", "Au plus 20 lieux.");
  const timeline = input.timeline ?? [];
  if (timeline.length > MAX_STEPS) return invalid("timeline", `Au plus ${MAX_STEPS} étapes.`);
  const steps: StepRecord[] = [];
  for (const [index, stepInput] of timeline.entries()) {
    const step = toStep(stepInput, id, index, `timeline[${index}]`);
    if (isProblem(step)) return step;
    steps.push(step);
  }
  const project: ProjectRecord = {
    id,
    title: fields.title as string,
    summary: fields.summary as string,
    body: fields.body as string,
    budgetText: fields.budget as string | null,
    label: fields.label as string | null,
    durationText: fields.duration as string | null,
    partners,
    contact: fields.contact as string | null,
    imageUrl: fields.imageUrl as string | null,
    responsibleService: fields.service as string | null,
    quartierIds: fields.quartierIds as string[],
    communeIds: fields.communeIds as string[],
    places,
    commentsOpen: true,
    createdByAccountId: ctx.caller.accountId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  await ctx.store.transaction(async (tx) => {
    await tx.insertProject(project);
    await tx.insertSteps(steps, ctx.now);
  });
  return { project };
}
