// mergeReports: staff close a duplicate into the report it repeats. The duplicate becomes DUPLICATE (of), its
// reporter and supporters count as supporters of the kept report (each person once), and both histories say so.
import { canHandle } from "./actor.ts";
import type { StaffDeps } from "./changeReportStatus.ts";
import { statusChanged } from "./events.ts";
import { canMoveTo, isOpen } from "./lifecycle.ts";
import type { Actor, ReportRecord } from "./model.ts";
import { entry } from "./rerouteReport.ts";

export interface MergeCommand {
  duplicateId: string;
  intoId: string;
  note: string | null;
}

export type MergeOutcome =
  | { kind: "merged"; duplicate: ReportRecord; into: ReportRecord }
  | { kind: "not_found" }
  | { kind: "not_in_queue"; serviceCode: string }
  | { kind: "cannot_merge"; message: string };

export async function mergeReports(
  command: MergeCommand,
  actor: Actor,
  deps: StaffDeps,
): Promise<MergeOutcome> {
  if (command.duplicateId === command.intoId) {
    return { kind: "cannot_merge", message: "Un signalement ne peut pas être fusionné avec lui-même." };
  }
  const reports = await deps.store.reportsByIds([command.duplicateId, command.intoId]);
  const duplicate = reports.find((report) => report.id === command.duplicateId);
  const into = reports.find((report) => report.id === command.intoId);
  if (!duplicate || !into) return { kind: "not_found" };
  if (!canHandle(actor, duplicate)) return { kind: "not_in_queue", serviceCode: duplicate.serviceCode };
  if (duplicate.categoryId !== into.categoryId) {
    return { kind: "cannot_merge", message: "Les deux signalements ne sont pas de la même catégorie." };
  }
  if (!canMoveTo(duplicate.status, "duplicate")) {
    return { kind: "cannot_merge", message: "Le doublon est déjà clos." };
  }
  if (!isOpen(into.status) && into.status !== "resolved") {
    return {
      kind: "cannot_merge",
      message: "Le signalement conservé est refusé, réorienté ou lui-même un doublon.",
    };
  }

  const now = deps.now();
  const supporters = [duplicate.reporterAccountId, ...(await deps.store.supportersOf(duplicate.id))].filter(
    // The kept report's own reporter does not support it.
    (accountId) => accountId === null || accountId !== into.reporterAccountId,
  );
  const [category] = await deps.store.categoriesByIds([duplicate.categoryId]);
  const merged = await deps.store.merge({
    duplicate: {
      id: duplicate.id,
      expected: { status: duplicate.status, serviceCode: duplicate.serviceCode },
      patch: { status: "duplicate", duplicateOfId: into.id, closedAt: now },
      history: [
        entry(deps, duplicate, actor, now, {
          kind: "status_changed",
          public: true,
          fromStatus: duplicate.status,
          toStatus: "duplicate",
          publicNote: command.note,
        }),
      ],
      events: [
        statusChanged(duplicate, category?.code ?? "", duplicate.status, "duplicate", now, command.note, {
          duplicateOfId: into.id,
        }),
      ],
    },
    intoId: into.id,
    supporters,
    intoHistory: [entry(deps, into, actor, now, { kind: "merged", public: true })],
  });
  if (!merged) return { kind: "cannot_merge", message: "Le doublon a changé entre-temps ; réessayez." };
  const [afterDuplicate, afterInto] = await Promise.all([
    deps.store.reportsByIds([duplicate.id]),
    deps.store.reportsByIds([into.id]),
  ]);
  if (!afterDuplicate[0] || !afterInto[0]) return { kind: "not_found" };
  return { kind: "merged", duplicate: afterDuplicate[0], into: afterInto[0] };
}
