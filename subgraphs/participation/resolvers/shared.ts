// Helpers of the participation resolvers: the context type, argument checks and the mapping of a command's outcome
// to its result union.
import { z } from "zod";
import type { SubgraphContext } from "../../../platform/context.ts";
import { badUserInput } from "../../../platform/errors.ts";
import { isUuid } from "../../../platform/ids.ts";
import { isStaffCaller } from "../../../platform/permissions.ts";
import { isProblem, type Problem } from "../domain/problems.ts";
import type { ParticipationLoaders } from "../loaders.ts";

export type Ctx = SubgraphContext<ParticipationLoaders>;

export function requireUuid(value: unknown, argument: string): string {
  if (typeof value !== "string" || !isUuid(value)) throw badUserInput("Identifiant invalide.", { argument });
  return value;
}

export const ListKeySchema = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);
export const listKey = (row: { createdAt: Date; id: string }) => [row.createdAt.toISOString(), row.id];

/** A command's outcome as a member of its result union (the problem's name is the type name). */
export function toUnion<T extends object>(result: T | Problem, success: string) {
  if (isProblem(result)) {
    const { problem, ...details } = result;
    return { ...details, __typename: problem };
  }
  return { ...result, __typename: success };
}

export const seesUnpublished = (ctx: Ctx) => isStaffCaller(ctx.caller);

export const commandContext = (ctx: Ctx) => ({
  store: ctx.loaders.store,
  caller: ctx.caller,
  now: new Date(),
});

const BoxSchema = z
  .object({
    west: z.number().min(-180).max(180),
    south: z.number().min(-90).max(90),
    east: z.number().min(-180).max(180),
    north: z.number().min(-90).max(90),
    limit: z.number().int().min(1).max(5_000),
  })
  .refine((box) => box.west < box.east && box.south < box.north, "rectangle vide ou inversé");

export function parseBox(value: unknown) {
  const parsed = BoxSchema.safeParse(value);
  if (!parsed.success) throw badUserInput("Rectangle invalide.", { argument: "west" });
  return parsed.data;
}
