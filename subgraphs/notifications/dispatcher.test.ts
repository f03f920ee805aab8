// Who is told of the participation subgraph's events, and what: followers of the project for its steps and its
// consultations, followers of a consultation for that consultation; nothing of an account in the notice.
import { describe, expect, it } from "vitest";
import { type FollowedKind, noticeFor, recipientsOf } from "./dispatcher.ts";
import type { OutboxEvent } from "./relay.ts";

const PROJECT = "01938000-0000-7000-8000-000000000001";
const CONSULTATION = "01938000-0000-7000-8000-000000000002";

const event = (type: string, subject: string, payload: Record<string, unknown>): OutboxEvent => ({
  id: "e",
  type,
  subject,
  payload,
  occurredAt: new Date(),
  attempts: 0,
});

const FOLLOWS: Record<string, string[]> = {
  [`project:${PROJECT}`]: ["a-project-follower", "both"],
  [`consultation:${CONSULTATION}`]: ["a-consultation-follower", "both"],
};
const followers = async (kind: FollowedKind, id: string) => FOLLOWS[`${kind}:${id}`] ?? [];

describe("participation events", () => {
  const consultationEvent = (type: string, projectId: string | null) =>
    event(type, `consultation:${CONSULTATION}`, {
      consultationId: CONSULTATION,
      projectId,
      title: "Quelle place voulez-vous ?",
      kind: "concertation",
    });

  it("tell the project's followers that a step starts", async () => {
    const started = event("participation.step_started", `project:${PROJECT}`, {
      projectId: PROJECT,
      stepId: "s",
      stepTitle: "Concertation",
      projectTitle: "Place du Marché",
    });
    expect(await recipientsOf(started, followers)).toEqual(["a-project-follower", "both"]);
    expect(noticeFor(started, "https://participer.strasbourg.eu")).toEqual({
      typeId: "PARTICIPATION_PROJET",
      title: "Un projet que vous suivez avance",
      description: "Le projet « Place du Marché » entre dans l'étape « Concertation ».",
      url: `https://participer.strasbourg.eu/projets/${PROJECT}`,
    });
  });

  it("tell a consultation's followers and its project's, once each", async () => {
    for (const type of [
      "participation.consultation_opened",
      "participation.consultation_closed",
      "participation.results_published",
    ]) {
      const opened = consultationEvent(type, PROJECT);
      expect(await recipientsOf(opened, followers)).toEqual([
        "a-consultation-follower",
        "a-project-follower",
        "both",
      ]);
      expect(noticeFor(opened, "https://p")).toMatchObject({
        typeId: "PARTICIPATION_PROJET",
        url: `https://p/consultations/${CONSULTATION}`,
      });
      expect(noticeFor(opened, "https://p")?.description).toContain("« Quelle place voulez-vous ? »");
    }
  });

  it("of a consultation standing alone reach its own followers only", async () => {
    expect(
      await recipientsOf(consultationEvent("participation.consultation_opened", null), followers),
    ).toEqual(["a-consultation-follower", "both"]);
  });
});
