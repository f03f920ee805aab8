// Benchmark (not a test): 2,000 ballots cast at once on the budget subgraph, plus 200 client retries of some of
// them, then the results. Checks that every ballot is counted exactly once, that the ledger's signed total is
// 2,000, and that the tally recomputed from the ledger's entries equals the published one. Prints ballots/second.
//
//   node_modules/.bin/node bench/ballots.ts [--backend pglite|postgres|both] [--ballots 2000]
//
// PostgreSQL: DATABASE_URL names a server where a scratch database may be created (default
// postgresql://postgres@127.0.0.1:5432/postgres); it is dropped at the end. The subgraph runs with a clock the
// benchmark moves, so a campaign's calendar takes seconds; requests go through the subgraph's real GraphQL
// path (signed caller header, permissions, resolvers, Prisma).
import { randomBytes, randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import pg from "pg";
import { callSubgraph } from "../harness/subgraphCall.ts";
import { createCache } from "../platform/cache/createCache.ts";
import { ANONYMOUS, type Caller } from "../platform/caller.ts";
import { loadConfig } from "../platform/config.ts";
import { type Database, openDatabase } from "../platform/db/database.ts";
import { inProcessClient } from "../platform/internalClient.ts";
import { readHead } from "../platform/ledger/index.ts";
import { createLogger } from "../platform/logger.ts";
import {
  type AnySubgraphModule,
  createSubgraphServer,
  type SubgraphServer,
} from "../platform/subgraphServer.ts";
import { applyMigrations } from "../prisma/migrations.ts";
import {
  decodeBallotEntry,
  LEDGER_SCHEMA,
  ledgerEntries,
} from "../subgraphs/budget/adapters/ballotLedgerStore.ts";
import { recount } from "../subgraphs/budget/domain/recount.ts";
import { createBudgetModule } from "../subgraphs/budget/server.ts";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
};
const BALLOTS = Number(option("ballots", "2000"));
const RETRIES = Math.round(BALLOTS / 10);
const backends = option("backend", "both") === "both" ? ["pglite", "postgres"] : [option("backend", "both")];
const log = createLogger({ level: process.env.LOG_LEVEL ?? "silent" });
const EUR = 100;

function person(kind: "citizen" | "staff" = "citizen"): Caller {
  return {
    ...ANONYMOUS,
    kind,
    accountId: randomUUID(),
    roles: kind === "staff" ? ["citizen", "staff"] : ["citizen"],
    staffService: kind === "staff" ? "DMEPN" : null,
    verificationLevel: "resident_verified",
    claims: { eurometropoleResident: true, participationPactSigned: true, ageBand: "18_plus" },
  };
}

async function openBackend(
  backend: string,
): Promise<{ db: Database; url?: string; drop: () => Promise<void> }> {
  if (backend === "pglite") {
    const config = loadConfig({ ...process.env, DATABASE_URL: "", REDIS_URL: "" });
    const db = await openDatabase(config, log, { pgliteDataDir: "memory://" });
    return { db, drop: async () => {} };
  }
  const server = process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `parvis_bench_${randomBytes(4).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const config = loadConfig({ ...process.env, DATABASE_URL: url.href, REDIS_URL: "" });
  const db = await openDatabase(config, log);
  return { db, url: url.href, drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function run(backend: string) {
  const { db, url, drop } = await openBackend(backend);
  try {
    await applyMigrations(db, log);
    const config = loadConfig({ ...process.env, DATABASE_URL: url ?? "", REDIS_URL: "" });
    const cache = createCache(config, log, { namespace: `bench-${randomUUID()}` });
    let now = new Date("2026-01-05T08:00:00Z");
    const module = createBudgetModule({ clock: () => now }) as AnySubgraphModule;
    // No other subgraph runs here: the benchmark's campaign uses no quartier, so nothing asks the directory.
    const internal = inProcessClient(config, new Map(), []);
    const server: SubgraphServer = await createSubgraphServer(module, { config, log, db, cache, internal });
    const call = async (caller: Caller, query: string, variables: Record<string, unknown>) => {
      const { body } = await callSubgraph(server, query, variables, {
        caller,
        secret: config.CALLER_SIGNING_SECRET,
      });
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data as Record<string, Record<string, unknown>>;
    };
    const staff = person("staff");

    const created = await call(
      staff,
      `mutation($i: CreateBudgetCampaignInput!) { createBudgetCampaign(input: $i) { ... on BudgetCampaignCreated { campaign { id } } } }`,
      {
        i: {
          title: "Banc d'essai",
          description: "",
          totalBudgetCents: 1_000_000 * EUR,
          projectCapCents: 100_000 * EUR,
          submissionStartsAt: "2026-01-01T00:00:00Z",
          submissionEndsAt: "2026-02-01T00:00:00Z",
          votingStartsAt: "2026-03-01T00:00:00Z",
          votingEndsAt: "2026-04-01T00:00:00Z",
          ballot: { style: "KNAPSACK", minimumSharePercent: 10 },
        },
      },
    );
    const campaignId = (created.createBudgetCampaign as { campaign: { id: string } }).campaign.id;
    const costs = [95, 90, 85, 80, 75, 70, 65, 60, 55, 50, 45, 40].map((k) => k * 1000 * EUR);
    const projects: string[] = [];
    for (const [index, cost] of costs.entries()) {
      const data = await call(
        person(),
        `mutation($i: SubmitBudgetProjectInput!) { submitBudgetProject(input: $i) { ... on BudgetProjectSubmitted { project { id } } } }`,
        {
          i: {
            campaignId,
            title: `Projet n° ${index + 1}`,
            description: "Un projet du banc d'essai, décrit assez longuement.",
            estimatedCostCents: cost,
          },
        },
      );
      projects.push((data.submitBudgetProject as { project: { id: string } }).project.id);
    }
    const advance = (to: string) =>
      call(
        staff,
        `mutation($c: ID!, $to: BudgetPhase!) { advanceBudgetPhase(campaignId: $c, to: $to) { __typename } }`,
        {
          c: campaignId,
          to,
        },
      );
    const review = (projectId: string, decision: string, cost?: number) =>
      call(
        staff,
        `mutation($i: ReviewBudgetProjectInput!) { reviewBudgetProject(input: $i) { __typename } }`,
        {
          i: {
            projectId,
            decision,
            justification: "Avis du service.",
            ...(cost ? { costEstimateCents: cost } : {}),
          },
        },
      );
    now = new Date("2026-02-02T08:00:00Z");
    await advance("ADMISSIBILITY");
    for (const id of projects) await review(id, "ADMISSIBLE");
    await advance("FEASIBILITY");
    for (const [index, id] of projects.entries()) await review(id, "FEASIBLE", costs[index]);
    now = new Date("2026-03-02T08:00:00Z");
    await advance("VOTING");

    // Each voter picks projects at random, in random order, until the next one would break the envelope.
    const selections = Array.from({ length: BALLOTS }, () => {
      const picked: string[] = [];
      let total = 0;
      for (const index of [...projects.keys()].sort(() => Math.random() - 0.5)) {
        if (
          total + (costs[index] as number) > 1_000_000 * EUR ||
          picked.length >= 1 + Math.floor(Math.random() * 8)
        )
          continue;
        picked.push(projects[index] as string);
        total += costs[index] as number;
      }
      return picked;
    });
    const voters = selections.map(() => person());
    const keys = selections.map(() => randomUUID());
    // A tenth of the requests are sent twice at once with the same idempotency key (a client retrying).
    const requests = [...selections.keys(), ...Array.from({ length: RETRIES }, (_, i) => i * 10)];
    const CAST = `mutation($c: ID!, $p: [ID!]!, $k: String!) { castBallot(campaignId: $c, projectIds: $p, idempotencyKey: $k) {
      __typename ... on BallotCast { replayed } } }`;
    const latencies: number[] = [];
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const outcomes = await Promise.all(
      requests.map(async (i) => {
        const t = performance.now();
        const data = await call(voters[i] as Caller, CAST, { c: campaignId, p: selections[i], k: keys[i] });
        latencies.push(performance.now() - t);
        return data.castBallot as { __typename: string; replayed: boolean };
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMsPerBallot = (cpu.user + cpu.system) / 1000 / requests.length;
    const cast = outcomes.filter((o) => o.__typename === "BallotCast" && !o.replayed).length;
    const replayed = outcomes.filter((o) => o.__typename === "BallotCast" && o.replayed).length;
    const refused = outcomes.filter((o) => o.__typename !== "BallotCast");

    now = new Date("2026-04-02T08:00:00Z");
    const published = await advance("RESULTS");
    const results = await call(
      ANONYMOUS,
      `query($c: ID!) { budgetResults(campaignId: $c) { ballotCount envelopes { envelope { id amountCents }
        projects { votes rank reason project { id costCents submittedAt } } } } }`,
      { c: campaignId },
    );
    type Row = {
      votes: number;
      rank: number;
      reason: string;
      project: { id: string; costCents: number; submittedAt: string };
    };
    const shown = results.budgetResults as unknown as {
      ballotCount: number;
      envelopes: { envelope: { id: string; amountCents: number }; projects: Row[] }[];
    };
    const head = await readHead(db.prisma, LEDGER_SCHEMA, `budget:campaign:${campaignId}`);
    const entries = (await ledgerEntries(db.prisma, campaignId)).map((row) =>
      decodeBallotEntry(row.entry, campaignId),
    );
    const recounted = recount(
      entries,
      shown.envelopes.map(({ envelope }) => envelope),
      shown.envelopes.flatMap(({ envelope, projects: rows }) =>
        rows.map((row) => ({
          id: row.project.id,
          envelopeId: envelope.id,
          costCents: row.project.costCents,
          submittedAt: new Date(row.project.submittedAt),
          votes: row.votes,
          rank: row.rank,
          reason: row.reason.toLowerCase() as "selected",
        })),
      ),
      shown.ballotCount,
    );
    const expectedVotes = new Map(
      projects.map((id) => [id, selections.filter((s) => s.includes(id)).length]),
    );
    const votesMatch = shown.envelopes.every(({ projects: rows }) =>
      rows.every((row) => row.votes === expectedVotes.get(row.project.id)),
    );
    latencies.sort((a, b) => a - b);
    const percentile = (q: number) => Math.round(latencies[Math.floor(q * (latencies.length - 1))] ?? 0);
    const checks = {
      allCast: cast === BALLOTS && replayed === RETRIES && refused.length === 0,
      published:
        (published.advanceBudgetPhase as { __typename: string }).__typename === "BudgetPhaseAdvanced",
      countedOnce: shown.ballotCount === BALLOTS && head.size === BALLOTS && head.total === BALLOTS,
      recountEqualsPublished: recounted.differences.length === 0,
      votesEqualWhatWasCast: votesMatch,
    };
    const ok = Object.values(checks).every(Boolean);
    console.log(
      `${backend.padEnd(8)} ${BALLOTS} ballots + ${RETRIES} retries in ${seconds.toFixed(2)} s → ${Math.round(BALLOTS / seconds)} ballots/s` +
        ` (latency p50 ${percentile(0.5)} ms, p95 ${percentile(0.95)} ms, max ${percentile(1)} ms; pool ${db.kind === "postgres" ? config.DATABASE_POOL_MAX : 1};` +
        ` ${cpuMsPerBallot.toFixed(1)} ms of this process's CPU per request; load average ${loadavg()[0]?.toFixed(1)})`,
    );
    console.log(
      `         ${Object.entries(checks)
        .map(([name, value]) => `${value ? "✓" : "✗"} ${name}`)
        .join("  ")}`,
    );
    if (refused.length > 0) console.log(`         refused: ${JSON.stringify(refused.slice(0, 3))}`);
    await server.apollo.stop();
    await cache.close();
    return ok;
  } finally {
    await db.close();
    await drop();
  }
}

let allOk = true;
for (const backend of backends) allOk = (await run(backend)) && allOk;
process.exitCode = allOk ? 0 : 1;
