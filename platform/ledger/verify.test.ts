// The verification command's library: a faithful ledger verifies; any edit to an entry, the head, the total or a
// proof is reported, and the tally rules (deltas, one unit per token) are enforced.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { encodeEntry, type LedgerEntryInput } from "./entry.ts";
import { leafHash, MemoryTree, toHex } from "./merkle.ts";
import { createLedgerSigner } from "./signing.ts";
import { type PublishedLedger, savedLedger, verifyLedger } from "./verify.ts";

const signer = createLedgerSigner("dev-only-ledger-signing-key-for-tests-0123456789");
const logId = "petition:0190a1b2-0000-7000-8000-000000000001";

function publish(inputs: LedgerEntryInput[], options: { total?: number } = {}): PublishedLedger {
  const entries = inputs.map((input, i) => encodeEntry(input, new Date(Date.UTC(2026, 10, 28, 10, 0, i))));
  const tree = new MemoryTree(entries.map((entry) => leafHash(entry)));
  const total = options.total ?? inputs.reduce((sum, input) => sum + (input.delta ?? 0), 0);
  const head = signer.sign({
    logId,
    size: entries.length,
    total,
    rootHash: toHex(tree.root()),
    timestamp: new Date(Date.UTC(2026, 10, 28, 10, 0, entries.length - 1)).toISOString(),
  });
  return { logId, publicKey: signer.publicKey, head, entries };
}

const signature = (token: string): LedgerEntryInput => ({ kind: "signature.added", token, delta: 1 });
const withdrawal = (token: string): LedgerEntryInput => ({ kind: "signature.withdrawn", token, delta: -1 });
const tokens = Array.from({ length: 20 }, (_, i) => `token${String(i).padStart(12, "0")}`);

describe("verifyLedger", () => {
  const inputs = [
    ...tokens.slice(0, 12).map(signature),
    withdrawal(tokens[3] as string),
    signature(tokens[3] as string),
    { kind: "paper.batch", token: null, delta: 40, data: { collectedOn: "2026-11-20" } },
  ];

  it("verifies a faithful ledger, with an inclusion and a consistency proof", () => {
    const ledger = publish(inputs);
    const tree = new MemoryTree(ledger.entries.map((entry) => leafHash(entry)));
    ledger.inclusion = { index: 5, treeSize: ledger.head.size, auditPath: tree.inclusionProof(5).map(toHex) };
    ledger.consistency = {
      first: 6,
      firstRootHash: toHex(tree.root(6)),
      second: ledger.head.size,
      proof: tree.consistencyProof(6).map(toHex),
    };
    const report = verifyLedger(ledger, { publicKey: signer.publicKey });
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report).toMatchObject({ ok: true, total: 52, size: 15 });
    expect(report.kinds).toEqual({ "signature.added": 13, "signature.withdrawn": 1, "paper.batch": 1 });
  });

  it("detects a tampered entry, a removed entry and a forged head", () => {
    const ledger = publish(inputs);
    const tampered = {
      ...ledger,
      entries: ledger.entries.map((e, i) => (i === 2 ? e.replace("token", "tokem") : e)),
    };
    expect(failed(verifyLedger(tampered))).toContain("root");
    const shortened = { ...ledger, entries: ledger.entries.slice(0, -1) };
    expect(failed(verifyLedger(shortened))).toEqual(expect.arrayContaining(["size", "root"]));
    const forged = { ...ledger, head: { ...ledger.head, total: 99 } };
    expect(failed(verifyLedger(forged))).toEqual(expect.arrayContaining(["signature", "total"]));
    const otherKey = createLedgerSigner("dev-only-somebody-else-key-0123456789abcdef").publicKey;
    expect(failed(verifyLedger(ledger, { publicKey: otherKey }))).toEqual(["signature"]);
  });

  it("refuses a signed total that the entries do not add up to", () => {
    expect(failed(verifyLedger(publish(inputs, { total: 53 })))).toEqual(["total"]);
  });

  it("refuses a token that signs twice without withdrawing", () => {
    const doubled = publish([signature(tokens[0] as string), signature(tokens[0] as string)]);
    expect(failed(verifyLedger(doubled))).toEqual(["single-holding"]);
  });

  it("refuses a wrong inclusion or consistency proof", () => {
    const ledger = publish(inputs);
    const tree = new MemoryTree(ledger.entries.map((entry) => leafHash(entry)));
    ledger.inclusion = { index: 4, treeSize: ledger.head.size, auditPath: tree.inclusionProof(5).map(toHex) };
    ledger.consistency = {
      first: 6,
      firstRootHash: toHex(tree.root(7)),
      second: ledger.head.size,
      proof: tree.consistencyProof(6).map(toHex),
    };
    expect(failed(verifyLedger(ledger))).toEqual(["inclusion", "consistency"]);
  });
});

function failed(report: ReturnType<typeof verifyLedger>): string[] {
  return report.checks.filter((check) => !check.ok).map((check) => check.name);
}

describe("savedLedger", () => {
  it("reads entries saved as texts or as GraphQL returns them, and refuses anything else", () => {
    const ledger = publish(tokens.slice(0, 3).map(signature));
    const asGraphql = { ...ledger, entries: ledger.entries.map((entry, index) => ({ index, entry })) };
    expect(savedLedger(asGraphql)).toEqual(ledger);
    expect(verifyLedger(savedLedger(asGraphql), { publicKey: signer.publicKey }).ok).toBe(true);
    expect(savedLedger(JSON.parse(JSON.stringify(ledger)))).toEqual(ledger);
    const shuffled = { ...asGraphql, entries: [...asGraphql.entries].reverse() };
    expect(() => savedLedger(shuffled)).toThrow(/entry 0/);
    expect(() => savedLedger({ logId })).toThrow(/entries/);
  });
});

describe("the verification command", () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, [fileURLToPath(new URL("./verify.ts", import.meta.url)), ...args], {
      encoding: "utf8",
    });

  it("verifies a saved ledger file and fails on a tampered one, with the exit code", () => {
    const dir = mkdtempSync(join(tmpdir(), "parvis-ledger-"));
    const ledger = publish([signature("token000000000001"), signature("token000000000002")]);
    const good = join(dir, "good.json");
    writeFileSync(good, JSON.stringify(ledger));
    const ok = run([good, "--public-key", signer.publicKey]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^VERIFIED — log petition:.*: 2 entries, total 2/m);
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ ...ledger, entries: [ledger.entries[1], ledger.entries[0]] }));
    const failed = run([bad, "--public-key", signer.publicKey]);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/✗ root/);
    const missing = run([join(dir, "absent.json")]);
    expect(missing.status).toBe(2);
  });
});
