// Demo participation, the other half: a consultation already over whose results staff published — so that the demo
// shows published results and the open-data consultation datasets are not empty. Played through the domain
// commands at past dates (opened six weeks ago, answered by twelve residents, closed three weeks ago, free texts
// moderated, results published with a synthesis and the city's answer two weeks ago), as staff and residents would
// through the API. Some free texts are made visible and some are not (one gives a phone number, as people do): the
// open-data privacy test checks that none of them is ever published. Idempotent: nothing is added when the
// consultation already exists.
import { ANONYMOUS, type Caller } from "../../platform/caller.ts";
import { loadConfig } from "../../platform/config.ts";
import type { Database } from "../../platform/db/database.ts";
import { pseudonymousAccountId } from "../../platform/ids.ts";
import type { Logger } from "../../platform/logger.ts";
import { sqlParticipationStore } from "./adapters/sqlParticipationStore.ts";
import { closeConsultation } from "./domain/closeConsultation.ts";
import { createConsultation } from "./domain/createConsultation.ts";
import { isProblem, type Problem } from "./domain/problems.ts";
import { publishResults } from "./domain/publishResults.ts";
import type { AnswerInput } from "./domain/questionnaire.ts";
import { respond } from "./domain/respond.ts";
import { reviewTexts } from "./domain/reviewTexts.ts";

const DAY = 86_400_000;

export const DEMO_PUBLISHED_CONSULTATION_TITLE = "Les horaires d'été des piscines municipales";

const STAFF: Caller = Object.freeze({
  ...ANONYMOUS,
  kind: "staff",
  roles: ["staff", "moderator"],
  staffService: "Direction des sports",
}) as Caller;

function resident(index: number, secret: string): Caller {
  return {
    ...ANONYMOUS,
    kind: "citizen",
    accountId: pseudonymousAccountId(`demo:consultation-respondent-${index}`, secret),
    roles: ["citizen"],
    verificationLevel: "resident_verified",
    claims: { eurometropoleResident: true, participationPactSigned: true, ageBand: "18_plus" },
  };
}

/** Free answers to the last question, by respondent, and whether moderation publishes them with the results. */
const TEXTS: { respondent: number; text: string; visible: boolean }[] = [
  { respondent: 1, text: "Ouvrir le bassin nordique le dimanche matin dès 8 heures", visible: true },
  { respondent: 4, text: "Des créneaux réservés aux familles le mercredi après-midi", visible: true },
  {
    respondent: 6,
    text: "Je nage tous les matins à Kibitzenau, appelez-moi au 06 12 34 56 78 pour en parler",
    visible: false,
  },
  { respondent: 9, text: "Garder la piscine de la Hardt ouverte en août", visible: true },
];

function check<T>(outcome: T | Problem, what: string): T {
  if (isProblem(outcome)) throw new Error(`participation seed: ${what}: ${outcome.message}`);
  return outcome;
}

export async function seedPublishedConsultation(db: Database, log: Logger): Promise<void> {
  const [existing] = await db.query<{ id: string }>(
    "SELECT id FROM participation.consultation WHERE title = $1 LIMIT 1",
    [DEMO_PUBLISHED_CONSULTATION_TITLE],
  );
  if (existing) return;
  const secret = loadConfig().PSEUDONYM_SECRET;
  const store = sqlParticipationStore(db);
  const today = Date.now();
  const at = (days: number) => new Date(today + days * DAY);

  const { consultation } = check(
    await createConsultation(
      {
        kind: "consultation",
        title: DEMO_PUBLISHED_CONSULTATION_TITLE,
        summary: "Quels horaires pour les piscines cet été ? La Ville a recueilli vos avis avant de décider.",
        body: "Six piscines, des horaires élargis en soirée ou le matin : dites-nous ce qui vous convient.",
        participationStartsAt: at(-42),
        participationEndsAt: at(-21),
        eligibility: { requireResident: true, minimumAge: 16 },
        questionnaire: [
          {
            kind: "single_choice",
            label: "Allez-vous à la piscine l'été ?",
            options: ["Chaque semaine", "De temps en temps", "Jamais"],
          },
          {
            kind: "multiple_choice",
            label: "Quels créneaux vous conviennent ?",
            options: ["Tôt le matin", "Midi", "Soirée", "Week-end"],
            maxChoices: 2,
            showIf: { questionIndex: 0, optionIndexes: [0, 1] },
          },
          {
            kind: "ranking",
            label: "Classez les priorités",
            options: ["Horaires élargis", "Bassins extérieurs", "Tarifs réduits"],
          },
          { kind: "scale", label: "Votre satisfaction des horaires actuels", scaleMin: 1, scaleMax: 5 },
          { kind: "long_text", label: "Une idée pour cet été ?", required: false },
        ],
      },
      { store, caller: STAFF, now: at(-42) },
    ),
    "consultation",
  );
  const questionIds = (await store.transaction((tx) => tx.questionsOf(consultation.id))).map(
    (question) => question.id,
  );
  const [frequency, slots, ranking, scale, idea] = questionIds as [string, string, string, string, string];
  const rankings = [
    ["1", "2", "3"],
    ["1", "3", "2"],
    ["2", "1", "3"],
    ["3", "1", "2"],
  ];
  const responses = new Map<number, string>();
  for (let index = 0; index < 12; index++) {
    const goes = index % 5 !== 4;
    const answers: AnswerInput[] = [
      { questionId: frequency, optionIds: [goes ? (index % 2 === 0 ? "1" : "2") : "3"] },
      ...(goes ? [{ questionId: slots, optionIds: index % 3 === 0 ? ["1", "4"] : ["3"] }] : []),
      { questionId: ranking, optionIds: rankings[index % rankings.length] as string[] },
      { questionId: scale, value: (index % 4) + 2 },
    ];
    const text = TEXTS.find((item) => item.respondent === index)?.text;
    if (text) answers.push({ questionId: idea, text });
    const { response } = check(
      await respond(
        { consultationId: consultation.id, answers, edit: false },
        { store, caller: resident(index, secret), now: at(-40 + index) },
      ),
      `response ${index}`,
    );
    responses.set(index, response.id);
  }
  // Closed by staff at the end of its last day, an hour before the planned end.
  check(await closeConsultation(consultation.id, { store, caller: STAFF, now: at(-21 - 1 / 24) }), "close");
  check(
    await reviewTexts(
      consultation.id,
      TEXTS.map((item) => ({
        responseId: responses.get(item.respondent) as string,
        questionId: idea,
        visible: item.visible,
      })),
      { store, caller: STAFF, now: at(-18) },
    ),
    "moderation",
  );
  check(
    await publishResults(
      {
        consultationId: consultation.id,
        synthesis:
          "Douze personnes ont répondu. La plupart vont à la piscine chaque semaine ou de temps en temps ; la " +
          "soirée et le week-end sont les créneaux les plus demandés, et les horaires élargis viennent en tête " +
          "des priorités.",
        cityAnswer:
          "Cet été, trois piscines resteront ouvertes jusqu'à 21 heures du lundi au vendredi, et le bassin " +
          "nordique ouvrira le dimanche dès 8 heures.",
      },
      { store, caller: STAFF, now: at(-14) },
    ),
    "results",
  );
  log.info({ consultations: 1, responses: responses.size }, "demo published consultation seeded");
}
