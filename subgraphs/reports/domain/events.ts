// The events the reports subgraph records in its outbox, for notifications. Pseudonymous ids only: the reporter's
// account id lets the notification service find whom to tell; no names, no contact details, no notes' authors.
import type { ReportStatus } from "./lifecycle.ts";
import type { ReportEvent, ReportRecord } from "./model.ts";

const subject = (reportId: string) => `report:${reportId}`;

export function statusChanged(
  report: Pick<ReportRecord, "id" | "serviceCode" | "reporterAccountId">,
  categoryCode: string,
  from: ReportStatus | null,
  to: ReportStatus,
  at: Date,
  note: string | null,
  extra: Record<string, unknown> = {},
): ReportEvent {
  return {
    type: "report.status_changed",
    subject: subject(report.id),
    payload: {
      reportId: report.id,
      categoryCode,
      fromStatus: from,
      toStatus: to,
      serviceCode: report.serviceCode,
      reporterAccountId: report.reporterAccountId,
      note,
      at: at.toISOString(),
      ...extra,
    },
  };
}

export function rerouted(reportId: string, fromService: string, toService: string, at: Date): ReportEvent {
  return {
    type: "report.rerouted",
    subject: subject(reportId),
    payload: { reportId, fromServiceCode: fromService, toServiceCode: toService, at: at.toISOString() },
  };
}

export function supported(reportId: string, at: Date): ReportEvent {
  return {
    type: "report.supported",
    subject: subject(reportId),
    payload: { reportId, at: at.toISOString() },
  };
}
