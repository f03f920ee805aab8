// Shared by the participation tests: the operations as a client sends them, inputs with sensible defaults, and the
// system calls the platform's jobs make (the calendar's announcements). Nothing here asserts.

import type { TestPlatform } from "../../harness/platform.ts";
import { callSubgraph } from "../../harness/subgraphCall.ts";
import { SYSTEM } from "../../platform/caller.ts";
import { DEFAULT_PERSONAS, type Persona } from "../../simulators/monstrasbourg/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are read field by field in these tests.
export type Data = Record<string, any>;

export const CREATE_PROJECT = `mutation CreateProject($input: CreateProjectInput!) {
  createProject(input: $input) {
    __typename
    ... on ProjectCreated { project { id title timeline { id title status startsAt } } }
    ... on InvalidParticipationInput { message field }
  }
}`;

export const ADD_STEP = `mutation AddStep($projectId: ID!, $input: ProjectStepInput!) {
  addProjectStep(projectId: $projectId, input: $input) {
    __typename
    ... on ProjectStepAdded { step { id status } }
    ... on Problem { message }
  }
}`;

export const LINK_PROJECT = `mutation Link($projectId: ID!, $kind: ProjectLinkKind!, $targetId: ID!) {
  linkProject(projectId: $projectId, kind: $kind, targetId: $targetId) {
    __typename
    ... on Problem { message }
  }
}`;

export const CREATE_CONSULTATION = `mutation CreateConsultation($input: CreateConsultationInput!) {
  createConsultation(input: $input) {
    __typename
    ... on ConsultationCreated { consultation { id status } }
    ... on InvalidParticipationInput { message field }
    ... on ProjectNotFound { message }
  }
}`;

export const CLOSE_CONSULTATION = `mutation Close($id: ID!) {
  closeConsultation(id: $id) {
    __typename
    ... on ConsultationClosed { consultation { id status closedAt } }
    ... on ConsultationNotOpen { message status }
    ... on ConsultationNotFound { message }
  }
}`;

export const PROJECT = `query Project($id: ID!) {
  project(id: $id) {
    id title summary budget duration partners responsibleService
    places { name lat lon }
    quartiers { id }
    timeline { title status startsAt endsAt }
    consultations { id title status }
    petitions { id }
    budgetProjects { id }
    agendaEvents { id }
  }
}`;

export const CONSULTATION = `query Consultation($id: ID!) {
  consultation(id: $id) {
    id kind title status participationStartsAt participationEndsAt
    project { id title }
    eligibility { minimumAge requireResident requirePact quartiers { id } }
    meetings { title startsAt address lat lon agendaEvent { id } }
    documents { title url }
  }
}`;

const HOUR = 3_600_000;
export const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

export function projectInput(overrides: Record<string, unknown> = {}) {
  return {
    title: "Réaménagement de la place du Marché",
    summary: "Une place plus verte, plus calme et plus sûre pour les piétons.",
    body: "La Ville réaménage la place en trois temps.",
    budget: "2,4 M€ TTC",
    duration: "18 mois",
    partners: ["Eurométropole", "CTS"],
    responsibleService: "DT",
    places: [{ name: "Place du Marché", lat: 48.5839, lon: 7.7455 }],
    timeline: [
      { title: "Diagnostic", startsAt: inHours(-24 * 60), endsAt: inHours(-24 * 30) },
      { title: "Concertation", startsAt: inHours(-24), endsAt: inHours(24 * 30) },
      { title: "Travaux", startsAt: inHours(24 * 90) },
    ],
    ...overrides,
  };
}

export function consultationInput(overrides: Record<string, unknown> = {}) {
  return {
    kind: "CONCERTATION",
    title: "Quelle place du Marché voulez-vous ?",
    summary: "Donnez votre avis sur les aménagements proposés.",
    participationStartsAt: inHours(-1),
    participationEndsAt: inHours(24 * 21),
    meetings: [
      {
        title: "Atelier public à la médiathèque",
        startsAt: inHours(24 * 7),
        address: "1 place du Marché",
        lat: 48.584,
        lon: 7.746,
      },
    ],
    documents: [{ title: "Dossier de concertation", url: "https://www.strasbourg.eu/dossier.pdf" }],
    ...overrides,
  };
}

/** The calendar's job, as the platform runs it (system caller, straight to the subgraph). */
export async function advanceCalendar(platform: TestPlatform): Promise<number> {
  const server = platform.servers.get("participation");
  if (!server) throw new Error("no participation subgraph");
  const { body } = await callSubgraph(server, "mutation { _advanceParticipation }", undefined, {
    caller: SYSTEM,
    secret: platform.config.CALLER_SIGNING_SECRET,
  });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return (body.data as Data)._advanceParticipation;
}

/** The participation outbox, oldest first. */
export function outbox(platform: TestPlatform) {
  return platform.db.query<{ type: string; subject: string; payload: Data }>(
    "SELECT type, subject, payload FROM participation.outbox_event ORDER BY occurred_at, id",
  );
}

export const RESPOND = `mutation Respond($consultationId: ID!, $answers: [AnswerInput!]!, $quartierId: ID) {
  respondToConsultation(consultationId: $consultationId, answers: $answers, quartierId: $quartierId) {
    __typename
    ... on ResponseRecorded { response { id revision answers { questionId optionIds value text } } consultation { responseCount } }
    ... on NotEligibleToParticipate { message reasons }
    ... on InvalidAnswer { message questionId reason }
    ... on ConsultationNotOpen { message status }
    ... on Problem { message }
  }
}`;

export const EDIT = RESPOND.replace("mutation Respond", "mutation Edit").replace(
  "respondToConsultation(",
  "editConsultationResponse(",
);

export const REACT = `mutation React($consultationId: ID!, $reaction: ConsultationReactionKind) {
  reactToConsultation(consultationId: $consultationId, reaction: $reaction) {
    __typename
    ... on ReactionRecorded { reaction consultation { reactions { support oppose } myReaction } }
    ... on Problem { message }
  }
}`;

export const REVIEW_QUEUE = `query Review($consultationId: ID!) {
  textAnswersForReview(consultationId: $consultationId, first: 100) {
    edges { node { responseId questionId text visible } }
  }
}`;

export const REVIEW = `mutation Decide($consultationId: ID!, $decisions: [TextReviewDecisionInput!]!) {
  reviewTextAnswers(consultationId: $consultationId, decisions: $decisions) {
    __typename
    ... on TextAnswersReviewed { reviewed }
    ... on Problem { message }
  }
}`;

export const PUBLISH_RESULTS = `mutation Publish($consultationId: ID!, $synthesis: String!, $cityAnswer: String!) {
  publishConsultationResults(consultationId: $consultationId, synthesis: $synthesis, cityAnswer: $cityAnswer) {
    __typename
    ... on ResultsPublished { consultation { status synthesis cityAnswer } }
    ... on Problem { message }
  }
}`;

export const RESULTS = `query Results($id: ID!) {
  consultation(id: $id) {
    status responseCount synthesis cityAnswer
    results {
      responseCount
      questions { questionId kind answered mean texts options { optionId count score meanRank } distribution { value count } }
    }
  }
}`;

export const QUESTIONNAIRE = `query Questionnaire($id: ID!) {
  consultation(id: $id) {
    questionnaire { id kind label required maxChoices scaleMin scaleMax maxLength options { id label } showIf { questionId optionIds } }
    myEligibility { eligible reasons }
    myResponse { revision answers { questionId optionIds value text } }
  }
}`;

/** A questionnaire with every kind of question, and a question shown only to those who chose « Oui » first. */
export const QUESTIONS = [
  { kind: "SINGLE_CHOICE", label: "Fréquentez-vous la place ?", options: ["Oui", "Non"] },
  {
    kind: "MULTIPLE_CHOICE",
    label: "Qu'y faites-vous ?",
    options: ["Marché", "Promenade", "Terrasse", "Jeux"],
    maxChoices: 2,
    showIf: { questionIndex: 0, optionIndexes: [0] },
  },
  { kind: "RANKING", label: "Classez les priorités", options: ["Arbres", "Bancs", "Fontaine"] },
  { kind: "SCALE", label: "Votre satisfaction actuelle", scaleMin: 1, scaleMax: 5 },
  { kind: "SHORT_TEXT", label: "Un mot pour la place", required: false },
  { kind: "LONG_TEXT", label: "Vos idées", required: false },
];

export interface QuestionIds {
  uses: string;
  activities: string;
  ranking: string;
  scale: string;
  word: string;
  ideas: string;
}

export function questionIds(questionnaire: { id: string }[]): QuestionIds {
  const [uses, activities, ranking, scale, word, ideas] = questionnaire.map(
    (question) => question.id,
  ) as string[];
  return { uses, activities, ranking, scale, word, ideas } as QuestionIds;
}

/** A valid set of answers; `variant` spreads choices so that results have something to count. */
export function answersFor(q: QuestionIds, variant: number) {
  const regular = variant % 3 !== 2;
  const rankings = [
    ["1", "2", "3"],
    ["2", "1", "3"],
    ["3", "1", "2"],
  ];
  return [
    { questionId: q.uses, optionIds: [regular ? "1" : "2"] },
    ...(regular ? [{ questionId: q.activities, optionIds: variant % 2 === 0 ? ["1", "2"] : ["3"] }] : []),
    { questionId: q.ranking, optionIds: rankings[variant % 3] },
    { questionId: q.scale, value: (variant % 5) + 1 },
  ];
}

/** `count` more residents like the default one (verified, resident, adult), keys resident-1 … resident-<count>. */
export function morePersonas(count: number): Persona[] {
  const base = DEFAULT_PERSONAS.find((persona) => persona.key === "resident") as Persona;
  return Array.from({ length: count }, (_, index) => ({
    ...base,
    key: `resident-${index + 1}`,
    uuid: `52e3955aa90f4e379dfa3c80${(index + 1).toString(16).padStart(8, "0")}`,
    id: 5000 + index,
    username: `habitant.${index + 1}`,
    email: `habitant.${index + 1}@example.org`,
    firstName: `Habitant${index + 1}`,
  }));
}
