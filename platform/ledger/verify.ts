// Offline verification of a published ledger, as a library (`verifyLedger`) and a command:
//
//   node_modules/.bin/node platform/ledger/verify.ts ledger.json [--public-key KEY]
//   node_modules/.bin/node platform/ledger/verify.ts --url http://localhost:4000/graphql \
//       --petition <id> [--index N] [--first-size M --first-root HEX] [--public-key KEY] [--token BEARER]
//
// It trusts nothing the server computed: it recomputes the Merkle root from the published entries, checks the
// Ed25519 signature of the tree head (against a key pinned with --public-key; the served key is only a fallback,
// and the command says so), adds up the entries' deltas and compares them with the signed total, checks that no
// token holds more than one unit at a time, and optionally checks an inclusion proof (a signer's entry is in the
// tree) and a consistency proof (the current tree extends a head saved earlier).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { decodeEntry } from "./entry.ts";
import { fromHex, leafHash, MemoryTree, toHex, verifyConsistency, verifyInclusion } from "./merkle.ts";
import { type SignedTreeHead, verifyTreeHead } from "./signing.ts";

/** What a ledger publishes: the JSON file the command reads, and what it assembles from a GraphQL endpoint. */
export interface PublishedLedger {
  logId: string;
  /** The key the server says it signs with (raw Ed25519, base64url). Pin your own copy with --public-key. */
  publicKey: string;
  head: SignedTreeHead;
  /** Every entry, in order, as published (canonical JSON). */
  entries: string[];
  inclusion?: { index: number; treeSize: number; auditPath: string[] };
  consistency?: { first: number; firstRootHash: string; second: number; proof: string[] };
}

/**
 * A saved file: `entries` are the entries' texts, or what GraphQL's `entries(start, end) { index entry }` returns
 * (objects whose `entry` is the text, in index order) — so a `Ledger` answer saved as it comes verifies as is.
 */
export function savedLedger(saved: unknown): PublishedLedger {
  const ledger = saved as Omit<PublishedLedger, "entries"> & { entries?: unknown[] };
  if (!ledger || typeof ledger !== "object" || !Array.isArray(ledger.entries)) {
    throw new Error("a saved ledger is { logId, publicKey, head, entries: [...] }");
  }
  const entries = ledger.entries.map((entry, position) => {
    if (typeof entry === "string") return entry;
    const row = entry as { index?: unknown; entry?: unknown };
    if (typeof row?.entry === "string" && (row.index === undefined || row.index === position))
      return row.entry;
    throw new Error(
      `entry ${position} of the saved ledger is neither a text nor { index: ${position}, entry }`,
    );
  });
  return { ...ledger, entries };
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface VerificationReport {
  ok: boolean;
  checks: Check[];
  /** Sum of deltas recomputed from the entries. */
  total: number;
  size: number;
  kinds: Record<string, number>;
}

export function verifyLedger(
  ledger: PublishedLedger,
  options: { publicKey?: string } = {},
): VerificationReport {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  const { head } = ledger;

  const key = options.publicKey ?? ledger.publicKey;
  check(
    "signature",
    verifyTreeHead(head, key),
    `Ed25519 signature of the head (${options.publicKey ? "pinned key" : "key served by the platform — pin it with --public-key"})`,
  );
  check("log", head.logId === ledger.logId, `head names log ${head.logId}`);
  check(
    "size",
    ledger.entries.length === head.size,
    `${ledger.entries.length} entries for a head of ${head.size}`,
  );

  const tree = new MemoryTree(ledger.entries.map((entry) => leafHash(entry)));
  const root = toHex(tree.root(Math.min(head.size, tree.size)));
  check("root", root === head.rootHash, `root recomputed from the entries: ${root}`);

  let total = 0;
  let wellFormed = true;
  let singleHolding = true;
  const kinds: Record<string, number> = {};
  const units = new Map<string, number>();
  for (const [index, text] of ledger.entries.entries()) {
    let entry: ReturnType<typeof decodeEntry>;
    try {
      entry = decodeEntry(text);
    } catch {
      wellFormed = false;
      continue;
    }
    kinds[entry.kind] = (kinds[entry.kind] ?? 0) + 1;
    const delta = entry.delta ?? 0;
    total += delta;
    // One unit per token at a time: +1 then −1 then +1… (a signature, its withdrawal, a new signature).
    if (entry.token && Math.abs(delta) === 1) {
      const held = (units.get(entry.token) ?? 0) + delta;
      if (held < 0 || held > 1) {
        singleHolding = false;
        check(
          "single-holding",
          false,
          `entry ${index} gives token ${entry.token.slice(0, 8)}… ${held} units`,
        );
      }
      units.set(entry.token, held);
    }
  }
  check("entries", wellFormed, "every entry is a ledger entry");
  check("total", total === head.total, `deltas add up to ${total}, the signed head says ${head.total}`);
  if (singleHolding) check("single-holding", true, "no token holds more than one unit at a time");

  if (ledger.inclusion) {
    const { index, treeSize, auditPath } = ledger.inclusion;
    const entry = ledger.entries[index];
    const ok =
      entry !== undefined &&
      treeSize <= tree.size &&
      verifyInclusion(index, treeSize, leafHash(entry), auditPath.map(fromHex), tree.root(treeSize));
    check("inclusion", ok, `entry ${index} is in the tree of ${treeSize} entries`);
  }
  if (ledger.consistency) {
    const { first, firstRootHash, second, proof } = ledger.consistency;
    const ok =
      second <= tree.size &&
      verifyConsistency(first, second, fromHex(firstRootHash), tree.root(second), proof.map(fromHex));
    check(
      "consistency",
      ok,
      `the tree of ${second} entries extends the head of ${first} entries saved earlier`,
    );
  }
  return { ok: checks.every((c) => c.ok), checks, total, size: ledger.entries.length, kinds };
}

// ---- fetching from a GraphQL endpoint ----------------------------------------------------------------------------

const PAGE = 1_000;

interface FetchOptions {
  url: string;
  /** Dotted path to a `Ledger` object, e.g. `petition(id: "…").ledger`. */
  path: string;
  token?: string;
  index?: number;
  first?: { size: number; rootHash: string };
}

async function graphql<T>(url: string, query: string, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join("; "));
  return body.data as T;
}

/** `a(x: 1).b` + selection → `a(x: 1) { b { selection } }`; returns the query and a reader of the result. */
function nest(path: string, selection: string): { query: string; read: (data: unknown) => unknown } {
  const steps = path.match(/[A-Za-z_]\w*(\([^)]*\))?/g) ?? [];
  if (steps.length === 0) throw new Error(`not a field path: ${path}`);
  const query = steps.reduceRight((inner, step) => `${step} { ${inner} }`, selection);
  const names = steps.map((step) => step.replace(/\(.*$/, ""));
  const read = (data: unknown) =>
    names.reduce<unknown>((value, name) => (value as Record<string, unknown> | null)?.[name], data);
  return { query: `{ ${query} }`, read };
}

const HEAD_FIELDS = "head { logId size total rootHash timestamp signature keyId }";

export async function fetchLedger(options: FetchOptions): Promise<PublishedLedger> {
  const top = nest(options.path, `logId publicKey ${HEAD_FIELDS}`);
  const ledger = top.read(await graphql(options.url, top.query, options.token)) as Omit<
    PublishedLedger,
    "entries"
  > | null;
  if (!ledger) throw new Error(`nothing at ${options.path}`);
  const entries: string[] = [];
  for (let start = 0; start < ledger.head.size; start += PAGE) {
    const end = Math.min(ledger.head.size, start + PAGE);
    const page = nest(options.path, `entries(start: ${start}, end: ${end}) { index entry }`);
    const rows = (
      page.read(await graphql(options.url, page.query, options.token)) as { entries: { entry: string }[] }
    ).entries;
    entries.push(...rows.map((row) => row.entry));
  }
  const published: PublishedLedger = { ...ledger, entries };
  if (options.index !== undefined) {
    const proof = nest(
      options.path,
      `inclusionProof(index: ${options.index}, treeSize: ${ledger.head.size}) { index treeSize auditPath }`,
    );
    published.inclusion = (
      proof.read(await graphql(options.url, proof.query, options.token)) as {
        inclusionProof: NonNullable<PublishedLedger["inclusion"]>;
      }
    ).inclusionProof;
  }
  if (options.first) {
    const proof = nest(
      options.path,
      `consistencyProof(first: ${options.first.size}, second: ${ledger.head.size}) { first second proof }`,
    );
    const answer = (
      proof.read(await graphql(options.url, proof.query, options.token)) as {
        consistencyProof: { first: number; second: number; proof: string[] };
      }
    ).consistencyProof;
    published.consistency = { ...answer, firstRootHash: options.first.rootHash };
  }
  return published;
}

// ---- command line ------------------------------------------------------------------------------------------------

function argument(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(args: string[]): Promise<number> {
  const publicKey = argument(args, "--public-key");
  const url = argument(args, "--url");
  let ledger: PublishedLedger;
  if (url) {
    const petition = argument(args, "--petition");
    const path = argument(args, "--path") ?? (petition ? `petition(id: "${petition}").ledger` : undefined);
    if (!path) throw new Error("with --url, give --petition <id> or --path <field path to a Ledger>");
    const index = argument(args, "--index");
    const firstSize = argument(args, "--first-size");
    const firstRoot = argument(args, "--first-root");
    ledger = await fetchLedger({
      url,
      path,
      ...(argument(args, "--token") ? { token: argument(args, "--token") } : {}),
      ...(index !== undefined ? { index: Number(index) } : {}),
      ...(firstSize && firstRoot ? { first: { size: Number(firstSize), rootHash: firstRoot } } : {}),
    });
  } else {
    const file = args.find((arg, i) => !arg.startsWith("--") && !args[i - 1]?.startsWith("--"));
    if (!file) throw new Error("usage: verify.ts <ledger.json> | --url <graphql endpoint> --petition <id>");
    ledger = savedLedger(JSON.parse(readFileSync(file, "utf8")));
  }
  const report = verifyLedger(ledger, publicKey ? { publicKey } : {});
  for (const c of report.checks) console.log(`${c.ok ? "✓" : "✗"} ${c.name}: ${c.detail}`);
  console.log(
    `${report.ok ? "VERIFIED" : "FAILED"} — log ${ledger.logId}: ${report.size} entries, total ${report.total}` +
      ` (${Object.entries(report.kinds)
        .map(([kind, count]) => `${kind} ×${count}`)
        .join(", ")})`,
  );
  return report.ok ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`verify: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 2;
    },
  );
}
