// Shared by the resolvers: the context type and the command dependencies built from it.
import { randomBytes } from "node:crypto";
import type { SubgraphContext } from "../../../platform/context.ts";
import { newId } from "../../../platform/ids.ts";
import { actorFromCaller } from "../domain/actor.ts";
import type { ReportsLoaders } from "../loaders.ts";

export type Ctx = SubgraphContext<ReportsLoaders>;

export function actorOf(ctx: Ctx) {
  return actorFromCaller(ctx.caller);
}

export function staffDeps(ctx: Ctx) {
  return { store: ctx.loaders.store, now: () => new Date(), newId, locator: ctx.loaders.locator };
}

/** A private, unguessable handle (144 bits): the Open311 token of a report. */
export function newTrackingToken(): string {
  return randomBytes(18).toString("base64url");
}

export function isStaffViewer(ctx: Ctx): boolean {
  return ctx.caller.kind === "staff";
}
