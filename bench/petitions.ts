// Benchmark (not a test): N concurrent residents sign one petition through the petitions subgraph's GraphQL
// stack (shield, resolvers, domain, SQL transaction, ledger) — by direct execution as in single-process mode, or
// with BENCH_SUBGRAPH_PATH=http through the signed-header HTTP path as in distributed mode. Checks that exactly N
// signatures were counted and that the ledger's signed head verifies against its entries, then prints the
// signing throughput.
//
//   node_modules/.bin/node bench/petitions.ts [signers=1000] [petitions=1]      # embedded PGlite (in memory)
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test node_modules/.bin/node bench/petitions.ts
//
// With DATABASE_URL, a fresh database is created on that server for the run and dropped afterwards.
import { HeaderMap } from "@apollo/server";
import { createTestDatabase } from "../harness/testDatabase.ts";
import { createCache } from "../platform/cache/createCache.ts";
import { CALLER_HEADER, type Caller, signInProcessCall } from "../platform/caller.ts";
import { loadConfig } from "../platform/config.ts";
import { pseudonymousAccountId } from "../platform/ids.ts";
import { InternalCallError } from "../platform/internalClient.ts";
import { createLedgerSigner, readEntries, readHead, verifyLedger } from "../platform/ledger/index.ts";
import { createLogger } from "../platform/logger.ts";
import { type AnySubgraphModule, createSubgraphServer } from "../platform/subgraphServer.ts";
import { petitions } from "../subgraphs/petitions/server.ts";

const signers = Number(process.argv[2] ?? 1000);
// 1: every signer on one petition (the hot case: all of them serialised on its row lock). More: signers spread
// round-robin, as on a day when several petitions are signed at once.
const petitionCount = Math.max(1, Number(process.argv[3] ?? 1));
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
const server = await createSubgraphServer(petitions as AnySubgraphModule, {
  config,
  log,
  db,
  cache,
  internal,
});

function person(i: number, extra: Partial<Caller> = {}): Caller {
  return {
    kind: "citizen",
    accountId: pseudonymousAccountId(`bench-${i}`, config.PSEUDONYM_SECRET),
    roles: ["citizen"],
    staffService: null,
    partnerClientId: null,
    scopes: [],
    verificationLevel: "resident_verified",
    claims: { eurometropoleResident: true, participationPactSigned: true, ageBand: "18_plus" },
    ...extra,
  };
}

// PATH=http: the subgraph's HTTP path (signed header verified, Apollo's pipeline, JSON) as in distributed mode;
// otherwise the path single-process mode takes (the gateway executes the subgraph's schema directly).
const overHttpPath = process.env.BENCH_SUBGRAPH_PATH === "http";

async function call(caller: Caller, query: string, variables: Record<string, unknown>) {
  let data: Record<string, { __typename: string; [k: string]: unknown }> | null | undefined;
  let raw = "";
  if (overHttpPath) {
    const header = signInProcessCall(caller, config.CALLER_SIGNING_SECRET, server.name, { query, variables });
    const headers = new HeaderMap([[CALLER_HEADER, header]]);
    const response = await server.executeInProcess({ query, variables }, headers);
    raw = response.body;
    data = (JSON.parse(raw) as { data?: typeof data }).data;
  } else {
    const result = await server.executeDirect({ query, variables }, caller);
    raw = JSON.stringify(result);
    data = result.data as typeof data;
  }
  if (!data) throw new Error(`unexpected answer: ${raw}`);
  return Object.values(data)[0] as { __typename: string; petition?: { id: string } };
}

const author = person(-1);
const moderator = person(-2, {
  kind: "staff",
  roles: ["citizen", "staff", "moderator"],
  staffService: "MPC",
});
async function openPetition(n: number): Promise<string> {
  const created = await call(
    author,
    `mutation($input: PetitionInput!) { createPetition(input: $input) { __typename ... on PetitionCreated { petition { id } } } }`,
    {
      input: {
        title: `Banc d'essai : une pétition très signée (${n + 1})`,
        body: "Mille personnes signent en même temps cette pétition, et chacune doit être comptée une fois exactement.",
        theme: "OTHER",
      },
    },
  );
  const petitionId = created.petition?.id as string;
  await call(author, `mutation($id: ID!) { submitPetition(id: $id) { __typename } }`, { id: petitionId });
  const published = await call(moderator, `mutation($id: ID!) { publishPetition(id: $id) { __typename } }`, {
    id: petitionId,
  });
  if (published.__typename !== "PetitionPublished")
    throw new Error(`could not publish: ${published.__typename}`);
  return petitionId;
}
const petitionIds: string[] = [];
for (let n = 0; n < petitionCount; n++) petitionIds.push(await openPetition(n));

const SIGN = `mutation($id: ID!, $key: String!) { signPetition(petitionId: $id, idempotencyKey: $key) { __typename } }`;
const callers = Array.from({ length: signers }, (_, i) => person(i));
const started = performance.now();
const outcomes = await Promise.all(
  callers.map((caller, i) =>
    call(caller, SIGN, { id: petitionIds[i % petitionCount], key: `bench-key-${i}` }),
  ),
);
const seconds = (performance.now() - started) / 1000;

const signed = outcomes.filter((outcome) => outcome.__typename === "PetitionSigned").length;
const signer = createLedgerSigner(config.LEDGER_SIGNING_KEY);
let exact = signed === signers;
let counted = 0;
let entriesTotal = 0;
let verifySeconds = 0;
for (const [n, petitionId] of petitionIds.entries()) {
  const expected = Math.floor(signers / petitionCount) + (n < signers % petitionCount ? 1 : 0);
  const [row] = await db.query<{ total: number; rows: number }>(
    `SELECT p.signature_count AS total,
            (SELECT count(*)::int FROM petitions.signature s WHERE s.petition_id = p.id AND s.withdrawn_at IS NULL) AS rows
     FROM petitions.petition p WHERE p.id = $1`,
    [petitionId],
  );
  const logId = `petition:${petitionId}`;
  const head = await readHead(db.prisma, "petitions", logId);
  const entries: string[] = [];
  for (let start = 0; start < head.size; start += 1000) {
    entries.push(
      ...(await readEntries(db.prisma, "petitions", logId, start, start + 1000)).map(
        (stored) => stored.entry,
      ),
    );
  }
  const verifyStarted = performance.now();
  const report = verifyLedger(
    { logId, publicKey: signer.publicKey, head: signer.sign(head), entries },
    { publicKey: signer.publicKey },
  );
  verifySeconds += (performance.now() - verifyStarted) / 1000;
  for (const check of report.checks)
    if (!check.ok) console.log(`  ✗ petition ${n + 1} ${check.name}: ${check.detail}`);
  counted += row?.total ?? 0;
  entriesTotal += head.size;
  exact &&= row?.total === expected && row?.rows === expected && head.total === expected && report.ok;
}

console.log(
  `backend: ${db.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : "PGlite (embedded, in memory)"}`,
);
console.log(
  `path: ${overHttpPath ? "the subgraph's HTTP path (signed header, Apollo pipeline; distributed mode)" : "direct execution (single-process mode)"}`,
);
console.log(
  `signers: ${signers} concurrent on ${petitionCount} petition${petitionCount > 1 ? "s" : ""}; PetitionSigned: ${signed}; counters: ${counted}`,
);
console.log(
  `ledgers: ${entriesTotal} entries, ${exact ? "every count exact and every ledger verifies" : "NOT EXACT"} (${verifySeconds.toFixed(2)} s)`,
);
console.log(`signing: ${seconds.toFixed(2)} s, ${(signers / seconds).toFixed(0)} signatures/second`);

await server.apollo.stop();
await cache.close();
await db.close();
if (!exact) {
  console.error("FAILED: the count is not exact or the ledger does not verify");
  process.exitCode = 1;
}
