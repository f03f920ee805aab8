// rerouteReport: staff send a report to another service (wrong category routing, another commune's service, a
// report routed by category alone while the directory was down). The public history shows the move. When the
// report was never located, locating is tried again so that commune and quartier get filled in.

import type { Locator } from "../ports/locator.ts";
import type { ReportPatch } from "../ports/reportStore.ts";
import { canHandle } from "./actor.ts";
import type { StaffDeps } from "./changeReportStatus.ts";
import { rerouted } from "./events.ts";
import { isOpen } from "./lifecycle.ts";
import type { Actor, HistoryEntryRecord, ReportRecord } from "./model.ts";

export interface RerouteCommand {
  reportId: string;
  serviceCode: string;
  note: string | null;
  internalNote: string | null;
}

export type RerouteOutcome =
  | { kind: "rerouted"; report: ReportRecord }
  | { kind: "not_found" }
  | { kind: "not_in_queue"; serviceCode: string }
  | { kind: "unknown_service"; code: string }
  | { kind: "closed"; report: ReportRecord };

export async function rerouteReport(
  command: RerouteCommand,
  actor: Actor,
  deps: StaffDeps & { locator: Locator },
): Promise<RerouteOutcome> {
  const [report] = await deps.store.reportsByIds([command.reportId]);
  if (!report) return { kind: "not_found" };
  if (!canHandle(actor, report)) return { kind: "not_in_queue", serviceCode: report.serviceCode };
  if (!isOpen(report.status)) return { kind: "closed", report };
  const [service] = await deps.store.servicesByCodes([command.serviceCode]);
  if (!service) return { kind: "unknown_service", code: command.serviceCode };

  const now = deps.now();
  const patch: ReportPatch = { serviceCode: service.code, needsRouting: false, assigneeAccountId: null };
  const history: HistoryEntryRecord[] = [];
  if (report.communeId === null) {
    const place = await deps.locator.locate(report.lat, report.lon).catch(() => null);
    if (place?.commune) {
      Object.assign(patch, {
        communeId: place.commune.id,
        communeInseeCode: place.commune.inseeCode,
        quartierId: place.quartier?.id ?? null,
      });
      history.push(entry(deps, report, actor, now, { kind: "located", public: true }));
    }
  }
  history.push(
    entry(deps, report, actor, now, {
      kind: "rerouted",
      public: true,
      fromServiceCode: report.serviceCode,
      toServiceCode: service.code,
      publicNote: command.note,
      internalNote: command.internalNote,
    }),
  );
  const updated = await deps.store.updateReport({
    id: report.id,
    expected: { status: report.status, serviceCode: report.serviceCode },
    patch,
    history,
    events: [rerouted(report.id, report.serviceCode, service.code, now)],
  });
  if (!updated) {
    const [current] = await deps.store.reportsByIds([report.id]);
    if (!current) return { kind: "not_found" };
    return isOpen(current.status)
      ? { kind: "not_in_queue", serviceCode: current.serviceCode }
      : { kind: "closed", report: current };
  }
  return { kind: "rerouted", report: updated };
}

export function entry(
  deps: { newId: () => string },
  report: ReportRecord,
  actor: Actor,
  now: Date,
  fields: Partial<HistoryEntryRecord> & Pick<HistoryEntryRecord, "kind" | "public">,
): HistoryEntryRecord {
  return {
    id: deps.newId(),
    reportId: report.id,
    fromStatus: null,
    toStatus: null,
    fromServiceCode: null,
    toServiceCode: null,
    publicNote: null,
    internalNote: null,
    actorKind: actor.kind,
    actorAccountId: actor.kind === "staff" ? actor.accountId : null,
    createdAt: now,
    ...fields,
  };
}
