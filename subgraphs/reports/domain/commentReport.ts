// commentReport: a partner service passes on a resident's update on a report (FixMyStreet's POST
// servicerequestupdates) as a public history line. It never changes the report's status — staff decide that —
// but a resident saying the problem is fixed (or not) is said in the line. The partner's own id of its update
// makes a repeated POST harmless: the same line is answered, nothing is stored twice.
import type { ReportStore } from "../ports/reportStore.ts";
import { isOpen } from "./lifecycle.ts";
import type { Actor, ReportRecord } from "./model.ts";
import { unusablePhotos } from "./submitReport.ts";

export interface CommentReportCommand {
  reportId: string;
  note: string;
  /** The partner's own id of the update (FixMyStreet's update_id), when it has one. */
  partnerUpdateId: string | null;
  /** What the resident says of the problem, when the partner tells: fixed/closed, or still open. */
  residentSays: "fixed" | "open" | null;
  /** Photos uploaded by the partner for this update: attached to the report, after its own. */
  photoUploadIds: readonly string[];
  /** Links to photos the partner keeps (already checked: http(s), bounded in length and number). */
  mediaUrls: readonly string[];
}

export type CommentOutcome =
  | { kind: "commented"; entryId: string; duplicate: boolean; report: ReportRecord }
  | { kind: "not_found" }
  | { kind: "photo_unavailable"; uploadIds: string[] };

const SAYS = {
  fixed: "L'habitant·e indique que le problème est résolu.",
  open: "L'habitant·e indique que le problème persiste.",
};

export async function commentReport(
  command: CommentReportCommand,
  actor: Actor & { kind: "partner"; partnerClientId: string },
  deps: { store: ReportStore; now: () => Date; newId: () => string; photosPerReport: number },
): Promise<CommentOutcome> {
  const [report] = await deps.store.reportsByIds([command.reportId]);
  if (!report) return { kind: "not_found" };
  if (command.photoUploadIds.length > 0) {
    const unusable = await unusablePhotos(command.photoUploadIds, actor, deps);
    if (unusable.length > 0) return { kind: "photo_unavailable", uploadIds: unusable };
    const present = (await deps.store.photosOfReports([report.id])).length;
    if (present + command.photoUploadIds.length > deps.photosPerReport) {
      return { kind: "photo_unavailable", uploadIds: [...command.photoUploadIds] };
    }
  }
  // Said only when it differs from what the report shows: "still open" on an open report adds nothing.
  const says =
    command.residentSays === "fixed" && isOpen(report.status)
      ? SAYS.fixed
      : command.residentSays === "open" && !isOpen(report.status)
        ? SAYS.open
        : null;
  // The text was validated alone (≤ descriptionMaxChars); the links and the sentence are added after, so the whole
  // line is bounded by that limit + photosPerReport × ("\nPhoto : " + 2,000) + the sentence.
  const text = [command.note, ...command.mediaUrls.map((url) => `Photo : ${url}`)].join("\n");
  const note = [text, says].filter(Boolean).join("\n\n");
  const added = await deps.store.addPartnerUpdate(
    {
      id: deps.newId(),
      reportId: report.id,
      kind: "commented",
      fromStatus: null,
      toStatus: null,
      fromServiceCode: null,
      toServiceCode: null,
      publicNote: note,
      internalNote: null,
      public: true,
      actorKind: "partner",
      actorAccountId: null,
      createdAt: deps.now(),
      partnerClientId: actor.partnerClientId,
      partnerUpdateId: command.partnerUpdateId,
    },
    command.photoUploadIds,
  );
  if (added === "photos_taken") return { kind: "photo_unavailable", uploadIds: [...command.photoUploadIds] };
  return { kind: "commented", entryId: added.id, duplicate: added.duplicate, report };
}
