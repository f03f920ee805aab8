// assignReport: staff of the responsible service give a report to one of them (or take it back). The assignee
// must be staff of that same service (identity says, from what their last sign-in said): an assignee reads the
// reporter's contact details, so a citizen or another service's agent is refused. Staff-only history line: who
// handles a report is internal.
import { canHandle } from "./actor.ts";
import type { StaffDeps } from "./changeReportStatus.ts";
import { isOpen } from "./lifecycle.ts";
import type { Actor, ReportRecord } from "./model.ts";
import { entry } from "./rerouteReport.ts";

export type AssignOutcome =
  | { kind: "assigned"; report: ReportRecord }
  | { kind: "not_found" }
  | { kind: "not_in_queue"; serviceCode: string }
  | { kind: "closed"; report: ReportRecord }
  | { kind: "assignee_not_in_service"; serviceCode: string };

export interface AssignDeps extends StaffDeps {
  /** The service an account is staff of, or null (not staff, unknown, erased). */
  staffServiceOf: (accountId: string) => Promise<string | null>;
}

export async function assignReport(
  command: { reportId: string; assigneeId: string | null },
  actor: Actor,
  deps: AssignDeps,
): Promise<AssignOutcome> {
  const [report] = await deps.store.reportsByIds([command.reportId]);
  if (!report) return { kind: "not_found" };
  if (!canHandle(actor, report)) return { kind: "not_in_queue", serviceCode: report.serviceCode };
  if (!isOpen(report.status)) return { kind: "closed", report };
  if (command.assigneeId && (await deps.staffServiceOf(command.assigneeId)) !== report.serviceCode)
    return { kind: "assignee_not_in_service", serviceCode: report.serviceCode };
  const now = deps.now();
  const updated = await deps.store.updateReport({
    id: report.id,
    expected: { status: report.status, serviceCode: report.serviceCode },
    patch: { assigneeAccountId: command.assigneeId },
    history: [
      entry(deps, report, actor, now, {
        kind: "assigned",
        public: false,
        internalNote: command.assigneeId ? null : "Attribution retirée.",
      }),
    ],
    events: [],
  });
  if (!updated) {
    const [current] = await deps.store.reportsByIds([report.id]);
    return current ? { kind: "not_in_queue", serviceCode: current.serviceCode } : { kind: "not_found" };
  }
  return { kind: "assigned", report: updated };
}
