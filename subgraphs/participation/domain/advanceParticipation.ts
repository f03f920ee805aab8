// What the calendar does by itself: steps that started, consultations whose participation opened, and those whose
// period ended (closed at their planned end) are announced to followers, once each. Run periodically and by the
// internal mutation `_advanceParticipation`; rows are claimed with SKIP LOCKED, so two runners never announce twice.
import type { ParticipationStore } from "../ports/participationStore.ts";
import { consultationClosed, consultationOpened, stepStarted } from "./events.ts";

const BATCH = 200;

export async function advanceParticipation(store: ParticipationStore, now: Date): Promise<number> {
  return store.transaction(async (tx) => {
    const steps = await tx.claimStartedSteps(now, BATCH);
    const opened = await tx.claimOpenedConsultations(now, BATCH);
    const ended = await tx.claimEndedConsultations(now, BATCH);
    await tx.markStepsAnnounced(
      steps.map((step) => step.id),
      now,
    );
    await tx.markOpenedAnnounced(
      opened.map((consultation) => consultation.id),
      now,
    );
    for (const consultation of ended) await tx.markClosed(consultation.id, consultation.participationEndsAt);
    const events = [
      ...steps.map((step) => stepStarted(step, step.projectTitle)),
      ...opened.map(consultationOpened),
      ...ended.map((consultation) =>
        consultationClosed({ ...consultation, closedAt: consultation.participationEndsAt }),
      ),
    ];
    await tx.recordEvents(events);
    return events.length;
  });
}
