// supportReport ("me too"): a signed-in person supports an open report instead of making a new one. Once per
// person (unique constraint), never one's own report; the counter moves in the same transaction as the row.

import type { ReportStore } from "../ports/reportStore.ts";
import { supported } from "./events.ts";
import { isOpen } from "./lifecycle.ts";
import type { Actor, ReportRecord } from "./model.ts";

export type SupportOutcome =
  | { kind: "supported"; report: ReportRecord }
  | { kind: "already"; report: ReportRecord }
  | { kind: "own_report" }
  | { kind: "closed"; report: ReportRecord }
  | { kind: "not_found" };

export async function supportReport(
  reportId: string,
  actor: Actor & { accountId: string },
  deps: { store: ReportStore; now: () => Date; newId: () => string },
): Promise<SupportOutcome> {
  const [report] = await deps.store.reportsByIds([reportId]);
  if (!report) return { kind: "not_found" };
  if (report.reporterAccountId === actor.accountId) return { kind: "own_report" };
  if (!isOpen(report.status)) return { kind: "closed", report };
  const added = await deps.store.addSupport(report.id, deps.newId(), actor.accountId, [
    supported(report.id, deps.now()),
  ]);
  const [current] = await deps.store.reportsByIds([report.id]);
  if (!current) return { kind: "not_found" };
  return added ? { kind: "supported", report: current } : { kind: "already", report: current };
}
