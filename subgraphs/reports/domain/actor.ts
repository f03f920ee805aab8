// The acting person or system, as the reports domain sees it, and who may handle which report.
import type { Caller } from "../../../platform/caller.ts";
import type { Actor, ReportRecord } from "./model.ts";

export function actorFromCaller(caller: Caller): Actor {
  return {
    kind: caller.kind,
    accountId: caller.accountId,
    partnerClientId: caller.partnerClientId,
    staffService: caller.staffService,
    isAdmin: caller.roles.includes("admin"),
  };
}

/** Staff of the report's service handle it; administrators handle every report. */
export function canHandle(actor: Actor, report: Pick<ReportRecord, "serviceCode">): boolean {
  if (actor.kind !== "staff") return false;
  return actor.isAdmin || (actor.staffService !== null && actor.staffService === report.serviceCode);
}
