// The lifecycle of a report: submitted → acknowledged → in progress → resolved | rejected (reason) |
// duplicate (of) | redirected (not the city's competence). Pure rules, used by the commands and by Open311's
// open/closed mapping.

export const REPORT_STATUSES = [
  "submitted",
  "acknowledged",
  "in_progress",
  "resolved",
  "rejected",
  "duplicate",
  "redirected",
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const OPEN_STATUSES: readonly ReportStatus[] = ["submitted", "acknowledged", "in_progress"];
export const CLOSED_STATUSES: readonly ReportStatus[] = ["resolved", "rejected", "duplicate", "redirected"];

export function isOpen(status: ReportStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/**
 * Allowed moves. A resolved report may be reopened (the pothole came back); rejected, duplicate and redirected are
 * final. `duplicate` is reached only by a merge, which also moves the supports (see mergeReports).
 */
const NEXT: Record<ReportStatus, readonly ReportStatus[]> = {
  submitted: ["acknowledged", "in_progress", "resolved", "rejected", "duplicate", "redirected"],
  acknowledged: ["in_progress", "resolved", "rejected", "duplicate", "redirected"],
  in_progress: ["resolved", "rejected", "duplicate", "redirected"],
  resolved: ["in_progress"],
  rejected: [],
  duplicate: [],
  redirected: [],
};

/** Statuses that must say why. */
const NEEDS_REASON: readonly ReportStatus[] = ["rejected", "redirected"];

export type TransitionCheck =
  | { ok: true }
  | { ok: false; problem: "invalid_transition" }
  | { ok: false; problem: "reason_required" };

export function checkTransition(
  from: ReportStatus,
  to: ReportStatus,
  reason: string | null | undefined,
): TransitionCheck {
  if (!NEXT[from].includes(to)) return { ok: false, problem: "invalid_transition" };
  if (NEEDS_REASON.includes(to) && !reason?.trim()) return { ok: false, problem: "reason_required" };
  return { ok: true };
}

export function canMoveTo(from: ReportStatus, to: ReportStatus): boolean {
  return NEXT[from].includes(to);
}

/** Open311 GeoReport v2 has two statuses only. */
export function open311Status(status: ReportStatus): "open" | "closed" {
  return isOpen(status) ? "open" : "closed";
}

export const STATUS_LABELS: Record<ReportStatus, string> = {
  submitted: "Reçu",
  acknowledged: "Pris en compte",
  in_progress: "En cours de traitement",
  resolved: "Résolu",
  rejected: "Refusé",
  duplicate: "Doublon",
  redirected: "Réorienté vers l'organisme compétent",
};
