// Issue 20, item 2: a questionnaire of every kind of question with a conditional one; one response per eligible
// person, edits replace it; ineligible, late, duplicate and malformed answers get typed problems and change
// nothing; reactions once per person; text answers published only after moderation, anonymised; results that match
// the responses exactly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import { DEFAULT_PERSONAS } from "../../simulators/monstrasbourg/index.ts";
import {
  answersFor,
  CLOSE_CONSULTATION,
  CREATE_CONSULTATION,
  consultationInput,
  type Data,
  EDIT,
  morePersonas,
  PUBLISH_RESULTS,
  QUESTIONNAIRE,
  QUESTIONS,
  type QuestionIds,
  questionIds,
  REACT,
  RESPOND,
  RESULTS,
  REVIEW,
  REVIEW_QUEUE,
} from "./support.ts";

describe("questionnaires, responses and results", () => {
  let platform: SignedInPlatform;
  const tokens: Record<string, string> = {};
  let consultationId = "";
  let q: QuestionIds;

  beforeAll(async () => {
    platform = await startSignedInPlatform({ personas: [...DEFAULT_PERSONAS, ...morePersonas(4)] });
    for (const persona of [
      "agent",
      "resident",
      "visitor",
      "resident-1",
      "resident-2",
      "resident-3",
      "resident-4",
    ])
      tokens[persona] = await platform.token(persona);
    const { body } = await platform.graphql<Data>(
      CREATE_CONSULTATION,
      {
        input: consultationInput({
          questionnaire: QUESTIONS,
          eligibility: { minimumAge: 18, requireResident: true },
        }),
      },
      { token: tokens.agent },
    );
    consultationId = body.data?.createConsultation.consultation.id;
    const read = await platform.graphql<Data>(QUESTIONNAIRE, { id: consultationId });
    q = questionIds(read.body.data?.consultation.questionnaire);
  }, 180_000);
  afterAll(async () => {
    await platform?.close();
  });

  const as = (persona: string, query: string, variables: Record<string, unknown>) =>
    platform.graphql<Data>(query, variables, { token: tokens[persona] });
  const respond = (persona: string, answers: unknown[], query = RESPOND) =>
    as(persona, query, { consultationId, answers });

  async function stored() {
    const [row] = await platform.db.query<{ responses: number; revisions: number }>(
      `SELECT count(*)::int AS responses, coalesce(sum(revision), 0)::int AS revisions
       FROM participation.response WHERE consultation_id = $1::uuid`,
      [consultationId],
    );
    return row;
  }

  it("shows the questionnaire with its kinds, limits and condition", async () => {
    const { body } = await as("resident", QUESTIONNAIRE, { id: consultationId });
    const questionnaire = body.data?.consultation.questionnaire;
    expect(questionnaire.map((question: Data) => question.kind)).toEqual([
      "SINGLE_CHOICE",
      "MULTIPLE_CHOICE",
      "RANKING",
      "SCALE",
      "SHORT_TEXT",
      "LONG_TEXT",
    ]);
    expect(questionnaire[1]).toMatchObject({
      maxChoices: 2,
      showIf: { questionId: q.uses, optionIds: ["1"] },
    });
    expect(questionnaire[4]).toMatchObject({ required: false, maxLength: 200 });
    expect(body.data?.consultation.myEligibility).toEqual({ eligible: true, reasons: [] });
    expect(body.data?.consultation.myResponse).toBeNull();
  });

  it("records one response per person; a second first answer is AlreadyResponded; an edit replaces it", async () => {
    const first = await respond("resident", [...answersFor(q, 0), { questionId: q.word, text: "  Verte  " }]);
    expect(first.body.data?.respondToConsultation).toMatchObject({
      __typename: "ResponseRecorded",
      response: { revision: 1 },
      consultation: { responseCount: 1 },
    });
    expect(first.body.data?.respondToConsultation.response.answers).toContainEqual({
      questionId: q.word,
      optionIds: null,
      value: null,
      text: "Verte",
    });
    const again = await respond("resident", answersFor(q, 1));
    expect(again.body.data?.respondToConsultation.__typename).toBe("AlreadyResponded");
    const edited = await respond("resident", answersFor(q, 2), EDIT);
    expect(edited.body.data?.editConsultationResponse).toMatchObject({
      __typename: "ResponseRecorded",
      response: { revision: 2 },
      consultation: { responseCount: 1 },
    });
    const mine = await as("resident", QUESTIONNAIRE, { id: consultationId });
    expect(mine.body.data?.consultation.myResponse.answers.map((answer: Data) => answer.questionId)).toEqual([
      q.uses,
      q.ranking,
      q.scale,
    ]);
    expect(await stored()).toEqual({ responses: 1, revisions: 2 });
    const noEdit = await respond("resident-1", answersFor(q, 0), EDIT);
    expect(noEdit.body.data?.editConsultationResponse.__typename).toBe("NoResponseToEdit");
  });

  it("refuses an ineligible person with the reasons, and anonymous callers", async () => {
    const before = await stored();
    const { body } = await respond("visitor", answersFor(q, 0));
    expect(body.data?.respondToConsultation).toMatchObject({ __typename: "NotEligibleToParticipate" });
    expect(body.data?.respondToConsultation.reasons).toEqual(["NOT_RESIDENT", "AGE_UNKNOWN"]);
    const anonymous = await platform.graphql<Data>(RESPOND, { consultationId, answers: answersFor(q, 0) });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(await stored()).toEqual(before);
  });

  it.each([
    [
      "an unknown question",
      (ids: QuestionIds) => [
        ...answersFor(ids, 0),
        { questionId: "0193a000-0000-7000-8000-000000000abc", text: "x" },
      ],
      "UNKNOWN_QUESTION",
    ],
    [
      "a question answered twice",
      (ids: QuestionIds) => [...answersFor(ids, 0), { questionId: ids.scale, value: 2 }],
      "DUPLICATE_ANSWER",
    ],
    [
      "a required question left out",
      (ids: QuestionIds) => answersFor(ids, 0).filter((a) => a.questionId !== ids.scale),
      "REQUIRED",
    ],
    [
      "a hidden question answered",
      (ids: QuestionIds) => [...answersFor(ids, 2), { questionId: ids.activities, optionIds: ["1"] }],
      "NOT_SHOWN",
    ],
    [
      "a text given to a choice",
      (ids: QuestionIds) => [{ questionId: ids.uses, text: "Oui" }, ...answersFor(ids, 0).slice(1)],
      "WRONG_KIND",
    ],
    [
      "two options for a single choice",
      (ids: QuestionIds) => [{ questionId: ids.uses, optionIds: ["1", "2"] }, ...answersFor(ids, 0).slice(1)],
      "WRONG_KIND",
    ],
    [
      "an unknown option",
      (ids: QuestionIds) => [{ questionId: ids.uses, optionIds: ["9"] }, ...answersFor(ids, 0).slice(1)],
      "UNKNOWN_OPTION",
    ],
    [
      "three choices where two are allowed",
      (ids: QuestionIds) =>
        answersFor(ids, 0).map((a) =>
          a.questionId === ids.activities ? { ...a, optionIds: ["1", "2", "3"] } : a,
        ),
      "TOO_MANY_CHOICES",
    ],
    [
      "a partial ranking",
      (ids: QuestionIds) =>
        answersFor(ids, 0).map((a) => (a.questionId === ids.ranking ? { ...a, optionIds: ["1", "2"] } : a)),
      "INCOMPLETE_RANKING",
    ],
    [
      "a value off the scale",
      (ids: QuestionIds) =>
        answersFor(ids, 0).map((a) => (a.questionId === ids.scale ? { ...a, value: 6 } : a)),
      "OUT_OF_SCALE",
    ],
    [
      "an oversized short text",
      (ids: QuestionIds) => [...answersFor(ids, 0), { questionId: ids.word, text: "m".repeat(201) }],
      "TEXT_TOO_LONG",
    ],
  ])("refuses %s with InvalidAnswer (nothing stored)", async (_label, make, reason) => {
    const before = await stored();
    const { body } = await respond("resident-1", make(q));
    expect(body.data?.respondToConsultation).toMatchObject({ __typename: "InvalidAnswer", reason });
    expect(await stored()).toEqual(before);
  });

  it("counts reactions once per person; a new one replaces it, null withdraws it", async () => {
    await as("resident", REACT, { consultationId, reaction: "SUPPORT" });
    await as("resident", REACT, { consultationId, reaction: "SUPPORT" });
    await as("resident-1", REACT, { consultationId, reaction: "OPPOSE" });
    const changed = await as("resident-1", REACT, { consultationId, reaction: "SUPPORT" });
    expect(changed.body.data?.reactToConsultation).toMatchObject({
      reaction: "SUPPORT",
      consultation: { reactions: { support: 2, oppose: 0 }, myReaction: "SUPPORT" },
    });
    await as("resident-2", REACT, { consultationId, reaction: "OPPOSE" });
    const withdrawn = await as("resident-2", REACT, { consultationId, reaction: null });
    expect(withdrawn.body.data?.reactToConsultation.consultation.reactions).toEqual({
      support: 2,
      oppose: 0,
    });
  });

  it("publishes exact results after the close, with moderated texts only, anonymised; late answers refused", async () => {
    await respond("resident-1", [...answersFor(q, 0), { questionId: q.ideas, text: "Plus d'ombre l'été." }]);
    await respond("resident-2", [...answersFor(q, 1), { questionId: q.ideas, text: "Texte à écarter." }]);
    await respond("resident-3", answersFor(q, 3));
    // resident: variant 2 (edited above); resident-1: 0; resident-2: 1; resident-3: 3.
    const queue = await as("agent", REVIEW_QUEUE, { consultationId });
    const texts = queue.body.data?.textAnswersForReview.edges.map((edge: Data) => edge.node);
    expect(texts.map((node: Data) => node.text).sort()).toEqual(["Plus d'ombre l'été.", "Texte à écarter."]);
    const decisions = texts.map((node: Data) => ({
      responseId: node.responseId,
      questionId: node.questionId,
      visible: node.text.startsWith("Plus"),
    }));
    const reviewed = await as("agent", REVIEW, { consultationId, decisions });
    expect(reviewed.body.data?.reviewTextAnswers).toEqual({ __typename: "TextAnswersReviewed", reviewed: 2 });
    expect((await as("resident", REVIEW_QUEUE, { consultationId })).body.errors?.[0]?.extensions?.code).toBe(
      "FORBIDDEN",
    );

    const early = await as("agent", PUBLISH_RESULTS, { consultationId, synthesis: "S", cityAnswer: "R" });
    expect(early.body.data?.publishConsultationResults.__typename).toBe("ConsultationNotClosed");
    expect(
      (await as("agent", CLOSE_CONSULTATION, { id: consultationId })).body.data?.closeConsultation.__typename,
    ).toBe("ConsultationClosed");
    const late = await respond("resident-4", answersFor(q, 0));
    expect(late.body.data?.respondToConsultation).toMatchObject({
      __typename: "ConsultationNotOpen",
      status: "CLOSED",
    });
    const lateEdit = await respond("resident-1", answersFor(q, 1), EDIT);
    expect(lateEdit.body.data?.editConsultationResponse.__typename).toBe("ConsultationNotOpen");

    const published = await as("agent", PUBLISH_RESULTS, {
      consultationId,
      synthesis: "Quatre personnes ont répondu.",
      cityAnswer: "La Ville plantera des arbres.",
    });
    expect(published.body.data?.publishConsultationResults).toMatchObject({
      __typename: "ResultsPublished",
      consultation: { status: "RESULTS_PUBLISHED" },
    });
    const { body } = await platform.graphql<Data>(RESULTS, { id: consultationId });
    const results = body.data?.consultation.results;
    expect(body.data?.consultation).toMatchObject({
      status: "RESULTS_PUBLISHED",
      responseCount: 4,
      synthesis: "Quatre personnes ont répondu.",
      cityAnswer: "La Ville plantera des arbres.",
    });
    expect(results.responseCount).toBe(4);
    const byId = Object.fromEntries(
      results.questions.map((question: Data) => [question.questionId, question]),
    );
    // Variants 2, 0, 1, 3: « Oui » for 0, 1, 3; « Non » for 2.
    expect(byId[q.uses].options.map((o: Data) => o.count)).toEqual([3, 1]);
    // Activities, shown to variants 0, 1, 3: 0 → [1, 2], 1 → [3], 3 → [3].
    expect(byId[q.activities]).toMatchObject({ answered: 3 });
    expect(byId[q.activities].options.map((o: Data) => o.count)).toEqual([1, 1, 2, 0]);
    // Rankings: 2 → [3, 1, 2]; 0 → [1, 2, 3]; 1 → [2, 1, 3]; 3 → [1, 2, 3]. Borda with 3 options.
    expect(byId[q.ranking].options.map((o: Data) => [o.optionId, o.score, o.meanRank])).toEqual([
      ["1", 2 + 3 + 2 + 3, (2 + 1 + 2 + 1) / 4],
      ["2", 1 + 2 + 3 + 2, (3 + 2 + 1 + 2) / 4],
      ["3", 3 + 1 + 1 + 1, (1 + 3 + 3 + 3) / 4],
    ]);
    // Scale values (variant % 5) + 1: 3, 1, 2, 4.
    expect(byId[q.scale].distribution).toEqual([
      { value: 1, count: 1 },
      { value: 2, count: 1 },
      { value: 3, count: 1 },
      { value: 4, count: 1 },
      { value: 5, count: 0 },
    ]);
    expect(byId[q.scale].mean).toBe(2.5);
    expect(byId[q.ideas]).toMatchObject({ answered: 2, texts: ["Plus d'ombre l'été."] });
    // The edited text « Verte » was replaced: the resident's final response has no short text.
    expect(byId[q.word]).toMatchObject({ answered: 0, texts: [] });
    const twice = await as("agent", PUBLISH_RESULTS, { consultationId, synthesis: "S", cityAnswer: "R" });
    expect(twice.body.data?.publishConsultationResults.__typename).toBe("ConsultationNotClosed");
  });

  it("forgets who answered once the consultation closed PARTICIPATION_RESPONDENT_RETENTION_DAYS ago; results unchanged", async () => {
    const resultsBefore = (await platform.graphql<Data>(RESULTS, { id: consultationId })).body.data;
    expect(resultsBefore?.consultation.results.responseCount).toBe(4);
    const retention = () =>
      platform.client.request<{ _applyRetention: { rule: string; removed: number }[] }>(
        "participation",
        "mutation { _applyRetention { rule removed } }",
      );
    const linked = async () =>
      (
        await platform.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM participation.response
            WHERE consultation_id = $1::uuid AND account_id IS NOT NULL`,
          [consultationId],
        )
      )[0]?.n;
    // Closed just now: kept.
    const early = await retention();
    expect(early._applyRetention.find((r) => r.rule === "closed_consultation_respondents")?.removed).toBe(0);
    expect(await linked()).toBe(4);
    await platform.db.query(
      "UPDATE participation.consultation SET closed_at = now() - interval '400 days' WHERE id = $1::uuid",
      [consultationId],
    );
    const late = await retention();
    expect(
      late._applyRetention.find((r) => r.rule === "closed_consultation_respondents")?.removed,
    ).toBeGreaterThanOrEqual(4);
    expect(await linked()).toBe(0);
    expect((await platform.graphql<Data>(RESULTS, { id: consultationId })).body.data).toEqual(resultsBefore);
    // Citizens cannot run it.
    const refused = await as("resident", "mutation { _applyRetention { rule removed } }", {});
    expect(refused.body.data?._applyRetention).toBeUndefined();
  });
});
