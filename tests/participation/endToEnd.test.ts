// Issue 20, "Done when", through the gateway on both backends: staff create a project with a timeline and a
// consultation with a questionnaire; residents follow the project, answer (one response each, edits replace),
// comment, react and report a comment; a moderator hides it; staff close the consultation and publish results and a
// synthesis; the followers are told at each step (the notifications worker's relay and dispatcher over the
// participation outbox, through identity to the Strasbourg.eu simulator); the results match the responses exactly.
// Ineligible, late, duplicate and malformed answers get typed problems and store nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import { DEFAULT_PERSONAS, type Persona } from "../../simulators/monstrasbourg/index.ts";
import {
  type StrasbourgEuSimulator,
  startStrasbourgEuSimulator,
} from "../../simulators/strasbourg-eu/index.ts";
import {
  deliveryReceipts,
  sqlNotificationStore,
} from "../../subgraphs/notifications/adapters/sqlNotificationStore.ts";
import { createDispatcher } from "../../subgraphs/notifications/dispatcher.ts";
import { createOutboxRelay, outboxCall } from "../../subgraphs/notifications/relay.ts";
import { HIDE, POST, QUEUE, REPLY, REPORT } from "../comments/support.ts";
import {
  advanceCalendar,
  answersFor,
  CLOSE_CONSULTATION,
  CREATE_CONSULTATION,
  CREATE_PROJECT,
  consultationInput,
  type Data,
  EDIT,
  inHours,
  morePersonas,
  PUBLISH_RESULTS,
  projectInput,
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

const FOLLOW = `mutation Follow($kind: FollowKind!, $subjectId: ID!) { follow(kind: $kind, subjectId: $subjectId) { id kind } }`;
const CONSULTATION_COMMENTS = `query Comments($id: ID!) {
  consultation(id: $id) { commentCount comments(first: 20) { totalCount edges { node { id state body moderationReason
    replies(first: 5) { totalCount } } } } }
}`;

/** Residents who take part; "resident-4" follows nothing and comes too late. */
const RESPONDENTS = ["resident", "resident-1", "resident-2", "resident-3"] as const;
const FOLLOWERS = ["resident", "resident-1", "resident-2", "visitor"] as const;

describe("a city project and its consultation, end to end (issue 20)", () => {
  let platform: SignedInPlatform;
  let strasbourgEu: StrasbourgEuSimulator;
  const personas: Persona[] = [...DEFAULT_PERSONAS, ...morePersonas(4)];
  const tokens: Record<string, string> = {};
  let projectId = "";
  let consultationId = "";
  let q: QuestionIds;
  /** The answers each respondent's response holds now (after edits). */
  const final = new Map<string, Data[]>();
  let hiddenCommentId = "";

  beforeAll(async () => {
    strasbourgEu = await startStrasbourgEuSimulator();
    platform = await startSignedInPlatform({
      personas,
      env: { STRASBOURG_EU_URL: strasbourgEu.url, STRASBOURG_EU_TIMEOUT_MS: "2000" },
    });
    for (const persona of ["agent", "moderator", "visitor", ...RESPONDENTS, "resident-4"]) {
      tokens[persona] = await platform.token(persona);
      // Signed in once: identity knows the person (and their Strasbourg.eu account) from then on.
      await as(persona, "{ me { id } }");
    }
  }, 240_000);
  afterAll(async () => {
    await platform?.close();
    await strasbourgEu?.close();
  });

  async function as(persona: string, query: string, variables: Record<string, unknown> = {}) {
    const { body } = await platform.graphql<Data>(query, variables, { token: tokens[persona] });
    if (body.errors) throw new Error(`${persona}: ${JSON.stringify(body.errors)}`);
    return body.data as Data;
  }
  const anonymous = async (query: string, variables: Record<string, unknown>) =>
    (await platform.graphql<Data>(query, variables)).body;

  /** One pass of the notifications worker over the participation outbox, as `npm start` runs it. */
  async function deliver(): Promise<void> {
    const store = sqlNotificationStore(platform.db);
    const relay = createOutboxRelay(outboxCall(platform.client, "participation"), {
      source: "participation",
    });
    const dispatch = createDispatcher({
      identity: (query, variables) => platform.client.request("identity", query, variables),
      subscriptions: { forEventType: async () => [] },
      followers: (kind, id) => store.followers(kind, id),
      receipts: deliveryReceipts(platform.db),
      publicUrl: "https://participer.strasbourg.eu",
      webhookTimeoutMs: 2000,
    });
    while (
      (
        await relay.runOnce(dispatch, {
          acknowledged: (event) => deliveryReceipts(platform.db).forget(event.id),
        })
      ).claimed > 0
    );
  }

  /** What each follower (by persona) was told so far, in order, by the Strasbourg.eu simulator. */
  async function told(): Promise<Map<string, string[]>> {
    const sent = (await (await fetch(`${strasbourgEu.url}/__simulator/notifications`)).json()) as {
      userId: string;
      typeId: string;
      title: string;
    }[];
    const byUser = new Map<string, string[]>();
    for (const notification of sent.filter((n) => n.typeId === "PARTICIPATION_PROJET")) {
      const persona = personas.find((p) => notification.userId.replaceAll("-", "") === p.uuid)?.key;
      const key = persona ?? notification.userId;
      byUser.set(key, [...(byUser.get(key) ?? []), notification.title]);
    }
    return byUser;
  }

  async function expectTold(titles: string[]) {
    const notifications = await told();
    expect([...notifications.keys()].sort()).toEqual([...FOLLOWERS].sort());
    for (const follower of FOLLOWERS) expect(notifications.get(follower), follower).toEqual(titles);
  }

  it("staff create a project with a timeline; residents follow it and are told when a step starts", async () => {
    const created = await as("agent", CREATE_PROJECT, {
      input: projectInput({
        timeline: [
          { title: "Diagnostic", startsAt: inHours(-24 * 60), endsAt: inHours(-24 * 30) },
          { title: "Concertation", startsAt: inHours(24), endsAt: inHours(24 * 30) },
          { title: "Travaux", startsAt: inHours(24 * 90) },
        ],
      }),
    });
    expect(created.createProject.__typename).toBe("ProjectCreated");
    projectId = created.createProject.project.id;
    for (const follower of FOLLOWERS) {
      const followed = await as(follower, FOLLOW, { kind: "PROJECT", subjectId: projectId });
      expect(followed.follow).toMatchObject({ kind: "PROJECT" });
    }
    // The concertation's day comes (the step is moved back in time rather than the clock forward).
    await platform.db.query(
      `UPDATE participation.project_step SET starts_at = now() - interval '1 minute'
        WHERE project_id = $1::uuid AND title = 'Concertation'`,
      [projectId],
    );
    expect(await advanceCalendar(platform)).toBe(1);
    await deliver();
    await expectTold(["Un projet que vous suivez avance"]);
  });

  it("staff open a consultation with a questionnaire on the project; followers are told", async () => {
    const created = await as("agent", CREATE_CONSULTATION, {
      input: consultationInput({
        projectId,
        questionnaire: QUESTIONS,
        eligibility: { minimumAge: 18, requireResident: true },
      }),
    });
    expect(created.createConsultation.consultation.status).toBe("OPEN");
    consultationId = created.createConsultation.consultation.id;
    q = questionIds((await as("resident", QUESTIONNAIRE, { id: consultationId })).consultation.questionnaire);
    await deliver();
    await expectTold(["Un projet que vous suivez avance", "Une consultation est ouverte"]);
  });

  it("takes one response per eligible person; an edit replaces it; the others get typed problems", async () => {
    const respond = (persona: string, answers: Data[], query = RESPOND) =>
      as(persona, query, { consultationId, answers });
    for (const [index, persona] of RESPONDENTS.entries()) {
      const answers = [
        ...answersFor(q, index),
        ...(index < 2 ? [{ questionId: q.ideas, text: `Idée n° ${index + 1} : plus d'arbres.` }] : []),
      ];
      const recorded = (await respond(persona, answers)).respondToConsultation;
      expect(recorded).toMatchObject({ __typename: "ResponseRecorded", response: { revision: 1 } });
      final.set(persona, answers);
    }
    // An edit replaces every answer (revision 2); a second first answer is refused.
    const edited = [...answersFor(q, 5), { questionId: q.ideas, text: "Finalement : une fontaine." }];
    expect((await respond("resident", edited, EDIT)).editConsultationResponse).toMatchObject({
      __typename: "ResponseRecorded",
      response: { revision: 2 },
      consultation: { responseCount: 4 },
    });
    final.set("resident", edited);
    expect((await respond("resident", edited)).respondToConsultation.__typename).toBe("AlreadyResponded");

    // Ineligible (not a resident of the Eurométropole), malformed (out of scale, a question twice, unknown).
    expect((await respond("visitor", answersFor(q, 0))).respondToConsultation).toMatchObject({
      __typename: "NotEligibleToParticipate",
      reasons: expect.arrayContaining(["NOT_RESIDENT"]),
    });
    const valid = answersFor(q, 0);
    const malformed: [Data[], string][] = [
      [valid.map((a) => (a.questionId === q.scale ? { ...a, value: 9 } : a)), "OUT_OF_SCALE"],
      [[...valid, valid[0] as Data], "DUPLICATE_ANSWER"],
      [valid.filter((a) => a.questionId !== q.ranking), "REQUIRED"],
      [valid.map((a) => (a.questionId === q.uses ? { ...a, optionIds: ["7"] } : a)), "UNKNOWN_OPTION"],
    ];
    for (const [answers, reason] of malformed)
      expect((await respond("resident-4", answers)).respondToConsultation, reason).toMatchObject({
        __typename: "InvalidAnswer",
        reason,
      });
    // A malformed id never reaches the store.
    const badId = await platform.graphql<Data>(
      RESPOND,
      { consultationId: "not-an-id", answers: valid },
      { token: tokens["resident-4"] },
    );
    expect(badId.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await storedResponses()).toBe(4);
  });

  it("counts reactions once per person", async () => {
    const react = (persona: string, reaction: string) => as(persona, REACT, { consultationId, reaction });
    await react("resident", "SUPPORT");
    await react("resident-1", "OPPOSE");
    await react("resident-2", "OPPOSE");
    await react("resident-2", "SUPPORT"); // replaces the first one
    await react("resident", "SUPPORT"); // the same again: still one
    // Reacting is open to any signed-in person (answering is what eligibility restricts).
    await react("visitor", "SUPPORT");
    const counted = await anonymous(
      `query($id: ID!) { consultation(id: $id) { reactions { support oppose } } }`,
      {
        id: consultationId,
      },
    );
    expect(counted.data?.consultation.reactions).toEqual({ support: 3, oppose: 1 });
  });

  it("hosts a moderated discussion: comments, a reply, a report, the moderator hides the comment", async () => {
    const target = { type: "CONSULTATION", id: consultationId };
    const first = (await as("resident", POST, { target, body: "Des arbres, surtout côté sud." })).postComment;
    expect(first.__typename).toBe("CommentPosted");
    const reply = await as("resident-1", REPLY, {
      commentId: first.comment.id,
      body: "Et des bancs à l'ombre.",
    });
    expect(reply.replyToComment.__typename).toBe("CommentPosted");
    const insult = (
      await as("resident-2", POST, { target, body: "Ceux qui veulent des bancs sont des idiots." })
    ).postComment;
    hiddenCommentId = insult.comment.id;
    const reported = await as("resident", REPORT, { id: hiddenCommentId, reason: "INSULT" });
    expect(reported.reportComment.__typename).toBe("CommentReported");

    const queue = (await as("moderator", QUEUE)).commentModerationQueue;
    expect(queue.edges.map((edge: Data) => edge.node.id)).toContain(hiddenCommentId);
    const hidden = await as("moderator", HIDE, { id: hiddenCommentId, reason: "Propos insultants." });
    expect(hidden.hideComment).toMatchObject({
      __typename: "CommentModerated",
      comment: { state: "HIDDEN", moderationReason: "Propos insultants.", openReportCount: 0 },
    });

    const thread = (await anonymous(CONSULTATION_COMMENTS, { id: consultationId })).data?.consultation;
    const shown = thread.comments.edges.map((edge: Data) => edge.node);
    expect(shown.find((c: Data) => c.id === hiddenCommentId)).toMatchObject({ state: "HIDDEN", body: null });
    expect(shown.find((c: Data) => c.id === first.comment.id)).toMatchObject({
      state: "VISIBLE",
      replies: { totalCount: 1 },
    });
  });

  it("staff moderate text answers, close the consultation (late answers refused) and publish; followers are told", async () => {
    const queue = (await as("agent", REVIEW_QUEUE, { consultationId })).textAnswersForReview.edges.map(
      (edge: Data) => edge.node,
    );
    // Texts come without their authors; one is published, the other kept out of the results.
    expect(queue.map((node: Data) => node.text).sort()).toEqual(
      ["Finalement : une fontaine.", "Idée n° 2 : plus d'arbres."].sort(),
    );
    const decisions = queue.map((node: Data) => ({
      responseId: node.responseId,
      questionId: node.questionId,
      visible: node.text === "Finalement : une fontaine.",
    }));
    expect((await as("agent", REVIEW, { consultationId, decisions })).reviewTextAnswers).toMatchObject({
      reviewed: 2,
    });

    const closed = await as("agent", CLOSE_CONSULTATION, { id: consultationId });
    expect(closed.closeConsultation.consultation.status).toBe("CLOSED");
    const late = await as("resident-4", RESPOND, { consultationId, answers: answersFor(q, 0) });
    expect(late.respondToConsultation).toMatchObject({ __typename: "ConsultationNotOpen", status: "CLOSED" });
    const lateEdit = await as("resident-1", EDIT, { consultationId, answers: answersFor(q, 0) });
    expect(lateEdit.editConsultationResponse.__typename).toBe("ConsultationNotOpen");

    const published = await as("agent", PUBLISH_RESULTS, {
      consultationId,
      synthesis: "Quatre habitants ont répondu ; les arbres viennent en tête.",
      cityAnswer: "La Ville plantera vingt arbres et installera une fontaine.",
    });
    expect(published.publishConsultationResults.consultation.status).toBe("RESULTS_PUBLISHED");
    await deliver();
    await expectTold([
      "Un projet que vous suivez avance",
      "Une consultation est ouverte",
      "Une consultation est close",
      "Les résultats d'une consultation sont publiés",
    ]);
    // Delivered once each: another pass tells nobody again.
    await deliver();
    expect([...(await told()).values()].flat()).toHaveLength(FOLLOWERS.length * 4);
  });

  it("publishes results that match the responses exactly", async () => {
    const { data } = await anonymous(RESULTS, { id: consultationId });
    const consultation = data?.consultation;
    expect(consultation).toMatchObject({
      status: "RESULTS_PUBLISHED",
      responseCount: 4,
      synthesis: "Quatre habitants ont répondu ; les arbres viennent en tête.",
      cityAnswer: "La Ville plantera vingt arbres et installera une fontaine.",
    });
    expect(consultation.results.responseCount).toBe(4);
    expect(consultation.results.questions).toEqual(expectedResults([...final.values()]));
  });

  async function storedResponses(): Promise<number> {
    const [row] = await platform.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM participation.response WHERE consultation_id = $1::uuid",
      [consultationId],
    );
    return row?.n ?? 0;
  }

  /** The results recomputed here, independently of the subgraph, from the answers each person last gave. */
  function expectedResults(responses: Data[][]) {
    const all = responses.flat();
    const of = (questionId: string) => all.filter((answer) => answer.questionId === questionId);
    const choice = (questionId: string, options: number) =>
      Array.from({ length: options }, (_, i) => ({
        optionId: String(i + 1),
        count: of(questionId).filter((a) => a.optionIds.includes(String(i + 1))).length,
        score: null,
        meanRank: null,
      }));
    const rankings = of(q.ranking).map((a) => a.optionIds as string[]);
    const values = of(q.scale).map((a) => a.value as number);
    const mean = (numbers: number[]) =>
      Math.round((numbers.reduce((s, n) => s + n, 0) / numbers.length) * 1000) / 1000;
    const base = (questionId: string, kind: string) => ({
      questionId,
      kind,
      answered: of(questionId).length,
      mean: null,
      texts: [],
      options: [],
      distribution: [],
    });
    return [
      { ...base(q.uses, "SINGLE_CHOICE"), options: choice(q.uses, 2) },
      { ...base(q.activities, "MULTIPLE_CHOICE"), options: choice(q.activities, 4) },
      {
        ...base(q.ranking, "RANKING"),
        options: ["1", "2", "3"].map((optionId) => {
          const ranks = rankings.map((ranking) => ranking.indexOf(optionId) + 1);
          return {
            optionId,
            count: ranks.length,
            score: ranks.reduce((sum, rank) => sum + (3 - rank + 1), 0),
            meanRank: mean(ranks),
          };
        }),
      },
      {
        ...base(q.scale, "SCALE"),
        mean: mean(values),
        distribution: [1, 2, 3, 4, 5].map((value) => ({
          value,
          count: values.filter((given) => given === value).length,
        })),
      },
      base(q.word, "SHORT_TEXT"),
      // Two people wrote ideas (one edited hers); only the text the moderators published is listed.
      { ...base(q.ideas, "LONG_TEXT"), texts: ["Finalement : une fontaine."] },
    ];
  }
});
