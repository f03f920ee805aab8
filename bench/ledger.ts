// Benchmark (not a test) of the shared ledger at 10^4–10^5 entries: the cost of an append must not grow with the
// log (no rehashing), heads must be a row read, proofs O(log n) stored subtrees, and offline verification linear.
//
//   node_modules/.bin/node bench/ledger.ts [entries=20000]                      # embedded PGlite (in memory)
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test node_modules/.bin/node bench/ledger.ts 100000

import { createTestDatabase } from "../harness/testDatabase.ts";
import {
  appendEntry,
  consistencyProof,
  createLedgerSigner,
  fromHex,
  inclusionProof,
  leafHash,
  ledgerSql,
  MemoryTree,
  readEntries,
  readHead,
  rootAt,
  verifyConsistency,
  verifyInclusion,
  verifyLedger,
} from "../platform/ledger/index.ts";
import { createLogger } from "../platform/logger.ts";

const total = Number(process.argv[2] ?? 20_000);
const BATCH = 500;
process.env.PARVIS_TEST_BACKEND = process.env.DATABASE_URL ? "services" : "embedded";
const db = await createTestDatabase({ log: createLogger({ level: "silent", name: "bench" }) });
const sql = ledgerSql(db);
const logId = "bench:ledger";
const token = (i: number) => `bench-token-${String(i).padStart(12, "0")}`;

const perAppend: { at: number; ms: number }[] = [];
for (let start = 0; start < total; start += BATCH) {
  const count = Math.min(BATCH, total - start);
  const began = performance.now();
  await db.transaction(async (tx) => {
    const runner = ledgerSql(tx);
    for (let i = 0; i < count; i++) {
      await appendEntry(runner, "petitions", logId, {
        kind: "bench.added",
        token: token(start + i),
        delta: 1,
      });
    }
  });
  perAppend.push({ at: start, ms: (performance.now() - began) / count });
}

async function timed<T>(runs: number, fn: (i: number) => Promise<T>): Promise<number> {
  const began = performance.now();
  for (let i = 0; i < runs; i++) await fn(i);
  return (performance.now() - began) / runs;
}

const head = await readHead(sql, "petitions", logId);
const headMs = await timed(200, () => readHead(sql, "petitions", logId));
const root = fromHex(head.rootHash);
let leaves: string[] = [];
const inclusionMs = await timed(200, async (i) => {
  const index = (i * 7_919) % total;
  const path = await inclusionProof(sql, "petitions", logId, index, total);
  if (i === 0) {
    const [entry] = await readEntries(sql, "petitions", logId, index, index + 1);
    if (!entry || !verifyInclusion(index, total, leafHash(entry.entry), path.map(fromHex), root)) {
      throw new Error("an inclusion proof did not verify");
    }
  }
});
const consistencyMs = await timed(100, async (i) => {
  const first = 1 + ((i * 104_729) % (total - 1));
  const proof = await consistencyProof(sql, "petitions", logId, first, total);
  if (i === 0) {
    const firstRoot = fromHex(await rootAt(sql, "petitions", logId, first));
    if (!verifyConsistency(first, total, firstRoot, root, proof.map(fromHex)))
      throw new Error("consistency failed");
  }
});
const rootAtMs = await timed(100, (i) => rootAt(sql, "petitions", logId, 1 + ((i * 7_919) % total)));

const downloadStarted = performance.now();
for (let start = 0; start < total; start += 1_000) {
  leaves = leaves.concat(
    (await readEntries(sql, "petitions", logId, start, start + 1_000)).map((row) => row.entry),
  );
}
const downloadSeconds = (performance.now() - downloadStarted) / 1000;
const signer = createLedgerSigner("dev-only-bench-ledger-signing-key-0123456789abcdef");
const verifyStarted = performance.now();
const report = verifyLedger({ logId, publicKey: signer.publicKey, head: signer.sign(head), entries: leaves });
const verifySeconds = (performance.now() - verifyStarted) / 1000;
const treeStarted = performance.now();
new MemoryTree(Array.from({ length: 100_000 }, (_, i) => leafHash(`entry-${i}`))).root();
const treeSeconds = (performance.now() - treeStarted) / 1000;

const first = perAppend.slice(0, 4);
const last = perAppend.slice(-4);
const mean = (rows: { ms: number }[]) => rows.reduce((sum, row) => sum + row.ms, 0) / rows.length;
console.log(
  `backend: ${db.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : "PGlite (embedded, in memory)"}`,
);
console.log(`entries: ${total} (appended in transactions of ${BATCH})`);
console.log(
  `append: ${mean(first).toFixed(3)} ms per entry in the first ${first.length * BATCH}, ${mean(last).toFixed(3)} ms in the last ${last.length * BATCH}`,
);
console.log(
  `head read: ${headMs.toFixed(3)} ms; inclusion proof: ${inclusionMs.toFixed(3)} ms; consistency proof: ${consistencyMs.toFixed(3)} ms; past root: ${rootAtMs.toFixed(3)} ms`,
);
console.log(
  `offline: download ${downloadSeconds.toFixed(2)} s, verification of ${total} entries ${verifySeconds.toFixed(2)} s (${report.ok ? "VERIFIED" : "FAILED"}); a 100,000-leaf tree in memory ${treeSeconds.toFixed(2)} s`,
);
await db.close();
if (!report.ok) process.exitCode = 1;
