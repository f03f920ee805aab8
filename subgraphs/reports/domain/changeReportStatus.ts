// changeReportStatus: staff of the responsible service move a report along its lifecycle, with a public note
// (shown in the history), an internal note (staff only), a reason where one is required, and an expected
// resolution date. Applied only if the report did not change meanwhile.

import type { ReportPatch, ReportStore } from "../ports/reportStore.ts";
import { canHandle } from "./actor.ts";
import { statusChanged } from "./events.ts";
import { checkTransition, isOpen, type ReportStatus } from "./lifecycle.ts";
import type { Actor, HistoryEntryRecord, ReportRecord } from "./model.ts";

export interface ChangeStatusCommand {
  reportId: string;
  status: ReportStatus;
  note: string | null;
  internalNote: string | null;
  reason: string | null;
  expectedResolutionAt: Date | null;
}

export interface StaffDeps {
  store: ReportStore;
  now: () => Date;
  newId: () => string;
}

export type ChangeStatusOutcome =
  | { kind: "changed"; report: ReportRecord }
  | { kind: "not_found" }
  | { kind: "not_in_queue"; serviceCode: string }
  | { kind: "invalid_transition"; from: ReportStatus; to: ReportStatus }
  | { kind: "reason_required" };

export async function changeReportStatus(
  command: ChangeStatusCommand,
  actor: Actor,
  deps: StaffDeps,
): Promise<ChangeStatusOutcome> {
  const [report] = await deps.store.reportsByIds([command.reportId]);
  if (!report) return { kind: "not_found" };
  if (!canHandle(actor, report)) return { kind: "not_in_queue", serviceCode: report.serviceCode };
  // A duplicate is made by mergeReports, which also moves the supports.
  const check =
    command.status === "duplicate"
      ? ({ ok: false, problem: "invalid_transition" } as const)
      : checkTransition(report.status, command.status, command.reason);
  if (!check.ok) {
    return check.problem === "reason_required"
      ? { kind: "reason_required" }
      : { kind: "invalid_transition", from: report.status, to: command.status };
  }

  const now = deps.now();
  const patch: ReportPatch = {
    status: command.status,
    statusReason: command.reason?.trim() || null,
    closedAt: isOpen(command.status) ? null : now,
  };
  if (command.expectedResolutionAt) patch.expectedResolutionAt = command.expectedResolutionAt;
  const entry: HistoryEntryRecord = {
    id: deps.newId(),
    reportId: report.id,
    kind: "status_changed",
    fromStatus: report.status,
    toStatus: command.status,
    fromServiceCode: null,
    toServiceCode: null,
    publicNote: command.note,
    internalNote: command.internalNote,
    public: true,
    actorKind: "staff",
    actorAccountId: actor.accountId,
    createdAt: now,
  };
  const category = (await deps.store.categoriesByIds([report.categoryId]))[0];
  const updated = await deps.store.updateReport({
    id: report.id,
    expected: { status: report.status, serviceCode: report.serviceCode },
    patch,
    history: [entry],
    events: [
      statusChanged(report, category?.code ?? "", report.status, command.status, now, command.note, {
        reason: patch.statusReason,
      }),
    ],
  });
  // Someone else changed it first: answer with what it is now, so the agent sees why.
  if (!updated) return changedMeanwhile(command, deps);
  return { kind: "changed", report: updated };
}

async function changedMeanwhile(command: ChangeStatusCommand, deps: StaffDeps): Promise<ChangeStatusOutcome> {
  const [now] = await deps.store.reportsByIds([command.reportId]);
  if (!now) return { kind: "not_found" };
  return { kind: "invalid_transition", from: now.status, to: command.status };
}
