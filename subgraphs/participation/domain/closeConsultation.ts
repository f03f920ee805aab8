// Staff close an open consultation (before its planned end, or at it). The row lock makes the close wait for
// responses being recorded, and responses after it see it closed: none is counted after the close, none lost before.
import type { CommandContext } from "./context.ts";
import { consultationClosed } from "./events.ts";
import { type ConsultationRecord, consultationStatus } from "./model.ts";
import { consultationNotFound, type Problem } from "./problems.ts";

export async function closeConsultation(
  id: string,
  ctx: CommandContext,
): Promise<{ consultation: ConsultationRecord } | Problem> {
  return ctx.store.transaction(async (tx) => {
    const consultation = await tx.lockConsultation(id);
    if (!consultation) return consultationNotFound();
    const status = consultationStatus(consultation, ctx.now);
    if (status !== "open")
      return {
        problem: "ConsultationNotOpen",
        message: "Seule une consultation ouverte peut être close.",
        status,
      };
    await tx.markClosed(id, ctx.now);
    const closed = { ...consultation, closedAt: ctx.now };
    await tx.recordEvents([consultationClosed(closed)]);
    return { consultation: closed };
  });
}
