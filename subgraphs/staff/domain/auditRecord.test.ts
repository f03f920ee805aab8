import { describe, expect, it } from "vitest";
import { canonicalJson, encodeEntry, leafHash, toHex } from "../../../platform/ledger/index.ts";
import {
  actorTokenOf,
  auditDigest,
  auditLedgerEntry,
  isIntact,
  type StoredAuditRecord,
} from "./auditRecord.ts";

const SECRET = "dev-only-ledger-token-secret-0123456789abcdef012";
const AGENT = "0194b0c2-0000-7000-8000-000000000001";

function stored(overrides: Partial<StoredAuditRecord> = {}) {
  const facts = {
    id: "0194b0c2-0000-7000-8000-000000000009",
    occurredAt: new Date("2026-11-28T10:00:00Z"),
    actorKind: "staff" as const,
    actorToken: actorTokenOf(SECRET, "staff", AGENT),
    actorClientId: null,
    staffService: "DT",
    operationName: "LookUp",
    operationType: "query" as const,
    documentHash: "a".repeat(64),
    variablesHash: "b".repeat(64),
    personalFields: ["AccountProfile.email"],
    personalValueCount: 1,
    requestId: "req",
  };
  const digest = auditDigest(facts);
  const entryText = encodeEntry(auditLedgerEntry(facts, digest), new Date("2026-11-28T10:00:01Z"));
  const record: StoredAuditRecord = {
    ...facts,
    actorAccountId: AGENT,
    recordedAt: new Date(),
    digest,
    ledgerSeq: 0,
    ...overrides,
  };
  return { record, entry: { entry: entryText, leafHash: toHex(leafHash(entryText)) } };
}

describe("audit record integrity", () => {
  it("holds for a record as written, and after its account id was erased", () => {
    const { record, entry } = stored();
    expect(isIntact(record, entry, SECRET)).toBe(true);
    expect(isIntact({ ...record, actorAccountId: null }, entry, SECRET)).toBe(true);
  });

  it("fails when a fact, the actor, the entry or its leaf hash was changed, or the entry is missing", () => {
    const { record, entry } = stored();
    expect(isIntact({ ...record, personalFields: [] }, entry, SECRET)).toBe(false);
    expect(
      isIntact({ ...record, actorAccountId: "0194b0c2-0000-7000-8000-00000000000f" }, entry, SECRET),
    ).toBe(false);
    const other = JSON.parse(entry.entry);
    other.data.digest = "0".repeat(64);
    const rewritten = canonicalJson(other);
    expect(isIntact(record, { entry: rewritten, leafHash: entry.leafHash }, SECRET)).toBe(false);
    expect(isIntact(record, { entry: rewritten, leafHash: toHex(leafHash(rewritten)) }, SECRET)).toBe(false);
    expect(isIntact(record, undefined, SECRET)).toBe(false);
    // Rewriting the record and its digest together still fails: the ledger entry holds the old digest.
    const forged = { ...record, personalFields: [] };
    expect(isIntact({ ...forged, digest: auditDigest(forged) }, entry, SECRET)).toBe(false);
  });

  it("gives one token per actor, unrelated across actors and kinds", () => {
    expect(actorTokenOf(SECRET, "staff", AGENT)).toBe(actorTokenOf(SECRET, "staff", AGENT));
    expect(actorTokenOf(SECRET, "staff", AGENT)).not.toBe(actorTokenOf(SECRET, "partner", AGENT));
    expect(actorTokenOf(SECRET, "partner", "ems-partner")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("verifies a data subject's request under the account's token, and after its id was erased", () => {
    const token = actorTokenOf(SECRET, "data_subject", AGENT);
    // The same account: a person's own requests and their operations as an agent are seen together.
    expect(token).toBe(actorTokenOf(SECRET, "staff", AGENT));
    const facts = {
      ...stored().record,
      actorKind: "data_subject" as const,
      actorToken: token,
      staffService: null,
      operationName: "eraseMyAccount",
      operationType: "mutation" as const,
    };
    const digest = auditDigest(facts);
    const text = encodeEntry(auditLedgerEntry(facts, digest), new Date("2026-11-28T10:00:01Z"));
    const entry = { entry: text, leafHash: toHex(leafHash(text)) };
    const record = { ...facts, digest };
    expect(isIntact(record, entry, SECRET)).toBe(true);
    expect(isIntact({ ...record, actorAccountId: null }, entry, SECRET)).toBe(true);
    expect(
      isIntact({ ...record, actorAccountId: "0194b0c2-0000-7000-8000-00000000000f" }, entry, SECRET),
    ).toBe(false);
  });
});
