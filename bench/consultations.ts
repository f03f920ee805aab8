// Benchmark (not a test): N concurrent residents answer one consultation's questionnaire through the participation
// subgraph's GraphQL stack (shield, resolvers, domain, SQL transaction under the consultation's shared lock) by
// direct execution, as in single-process mode, while a tenth of them send their first answer a second time at the
// same moment. Checks that exactly N responses are stored (one per person, the duplicates refused with
// AlreadyResponded) and that the live results count them all, then prints the answering throughput.
//
//   node_modules/.bin/node bench/consultations.ts [respondents=1000]        # embedded PGlite (in memory)
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test node_modules/.bin/node bench/consultations.ts
//
// With DATABASE_URL, a fresh database is created on that server for the run and dropped afterwards.
import { createTestDatabase } from "../harness/testDatabase.ts";
import { createCache } from "../platform/cache/createCache.ts";
import type { Caller } from "../platform/caller.ts";
import { loadConfig } from "../platform/config.ts";
import { pseudonymousAccountId } from "../platform/ids.ts";
import { InternalCallError } from "../platform/internalClient.ts";
import { createLogger } from "../platform/logger.ts";
import { type AnySubgraphModule, createSubgraphServer } from "../platform/subgraphServer.ts";
import { participation } from "../subgraphs/participation/server.ts";

const respondents = Number(process.argv[2] ?? 1000);
const duplicates = Math.ceil(respondents / 10);
process.env.PARVIS_TEST_BACKEND = process.env.DATABASE_URL ? "services" : "embedded";
process.env.LOG_LEVEL ??= "silent";

const log = createLogger({ level: process.env.BENCH_LOG_LEVEL ?? "silent", name: "bench" } as never);
const db = await createTestDatabase({ log });
const config = loadConfig({ ...process.env, DATABASE_URL: "", REDIS_URL: "", NODE_ENV: "test" });
const cache = createCache(config, log);
const internal = {
  request: () => Promise.reject(new InternalCallError("directory", ["UNAVAILABLE"], "bench")),
  personalDataHolders: [],
};
const server = await createSubgraphServer(participation as AnySubgraphModule, {
  config,
  log,
  db,
  cache,
  internal,
});

function person(i: number, extra: Partial<Caller> = {}): Caller {
  return {
    kind: "citizen",
    accountId: pseudonymousAccountId(`bench-respondent-${i}`, config.PSEUDONYM_SECRET),
    roles: ["citizen"],
    staffService: null,
    partnerClientId: null,
    scopes: [],
    verificationLevel: "resident_verified",
    claims: { eurometropoleResident: true, participationPactSigned: true, ageBand: "18_plus" },
    ...extra,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field.
type Data = Record<string, any>;
async function call(caller: Caller, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const result = await server.executeDirect({ query, variables }, caller);
  if (!result.data) throw new Error(`unexpected answer: ${JSON.stringify(result)}`);
  return result.data as Data;
}

const staff = person(-1, { kind: "staff", roles: ["citizen", "staff"], staffService: "DPCD" });
const now = Date.now();
const created = await call(
  staff,
  `mutation($input: CreateConsultationInput!) { createConsultation(input: $input) {
    __typename ... on ConsultationCreated { consultation { id questionnaire { id } } } } }`,
  {
    input: {
      kind: "CONSULTATION",
      title: "Banc d'essai : mille réponses en même temps",
      summary: "Chaque réponse doit être comptée une fois exactement.",
      participationStartsAt: new Date(now - 3_600_000).toISOString(),
      participationEndsAt: new Date(now + 86_400_000).toISOString(),
      eligibility: { requireResident: true },
      questionnaire: [
        { kind: "SINGLE_CHOICE", label: "Votre priorité", options: ["Arbres", "Bancs", "Fontaine"] },
        { kind: "RANKING", label: "Classez", options: ["Vélo", "Tram", "Marche"] },
        { kind: "SCALE", label: "Votre satisfaction", scaleMin: 1, scaleMax: 5 },
      ],
    },
  },
);
const consultation = created.createConsultation.consultation as {
  id: string;
  questionnaire: { id: string }[];
};
const [choice, ranking, scale] = consultation.questionnaire.map((question) => question.id);
const RANKINGS = [
  ["1", "2", "3"],
  ["2", "3", "1"],
  ["3", "1", "2"],
];
const answersOf = (i: number) => [
  { questionId: choice, optionIds: [String((i % 3) + 1)] },
  { questionId: ranking, optionIds: RANKINGS[i % 3] },
  { questionId: scale, value: (i % 5) + 1 },
];
const RESPOND = `mutation($id: ID!, $answers: [AnswerInput!]!) {
  respondToConsultation(consultationId: $id, answers: $answers) { __typename } }`;

const sends = [
  ...Array.from({ length: respondents }, (_, i) => i),
  ...Array.from({ length: duplicates }, (_, i) => i * 10),
];
const started = performance.now();
const outcomes = await Promise.all(
  sends.map((i) =>
    call(person(i), RESPOND, { id: consultation.id, answers: answersOf(i) }).then(
      (data) => data.respondToConsultation.__typename as string,
      (error: Error) => `error: ${error.message.slice(0, 120)}`,
    ),
  ),
);
const seconds = (performance.now() - started) / 1000;

const tally = new Map<string, number>();
for (const outcome of outcomes) tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
const [stored] = await db.query<{ responses: number; people: number }>(
  `SELECT count(*)::int AS responses, count(DISTINCT account_id)::int AS people
     FROM participation.response WHERE consultation_id = $1::uuid`,
  [consultation.id],
);
const live = await call(
  staff,
  `query($id: ID!) { consultation(id: $id) { liveResults { responseCount questions { answered options { count } } } } }`,
  { id: consultation.id },
);
const results = live.consultation.liveResults as {
  responseCount: number;
  questions: { answered: number; options: { count: number }[] }[];
};
const perOption = [0, 1, 2].map(
  (o) => Array.from({ length: respondents }, (_, i) => i % 3 === o).filter(Boolean).length,
);
const exact =
  tally.get("ResponseRecorded") === respondents &&
  tally.get("AlreadyResponded") === duplicates &&
  tally.size === 2 &&
  stored?.responses === respondents &&
  stored.people === respondents &&
  results.responseCount === respondents &&
  results.questions.every((question) => question.answered === respondents) &&
  results.questions[0]?.options.map((option) => option.count).join() === perOption.join();

console.log(
  `backend: ${db.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : "PGlite (embedded, in memory)"}; path: direct execution (single-process mode)`,
);
console.log(
  `respondents: ${respondents} concurrent on one questionnaire, + ${duplicates} simultaneous second answers; ` +
    `outcomes: ${[...tally].map(([name, count]) => `${name} ${count}`).join(", ")}`,
);
console.log(
  `stored: ${stored?.responses} responses of ${stored?.people} people; live results: ${results.responseCount} — ${exact ? "every response counted once, none lost" : "NOT EXACT"}`,
);
console.log(
  `answering: ${seconds.toFixed(2)} s, ${(sends.length / seconds).toFixed(0)} answers/second (${(respondents / seconds).toFixed(0)} responses stored/second)`,
);

await server.apollo.stop();
await cache.close();
await db.close();
if (!exact) {
  console.error("FAILED: a response was lost, counted twice, or an answer failed");
  process.exitCode = 1;
}
