// The audit trail's rules: what a record says, its digest, its ledger entry and how its integrity is checked.
// Tamper evidence: every record's digest is written in an entry of the shared verifiable ledger (log
// "staff:audit"), whose signed heads the DPO keeps; changing a record breaks its digest, changing the entry breaks
// the tree. The actor's account id is the one thing erasure may remove, so the digest covers the actor's token
// (an HMAC of the id) instead: the record stays verifiable after erasure, and swapping the actor still shows.
import { createHash } from "node:crypto";
import {
  canonicalJson,
  decodeEntry,
  type LedgerEntryInput,
  leafHash,
  subjectToken,
  toHex,
} from "../../../platform/ledger/index.ts";

export const AUDIT_LOG_ID = "staff:audit";
export const AUDIT_ENTRY_KIND = "audit.recorded";
const TOKEN_SUBJECT = "staff:audit";

/**
 * Who acted: an agent or a partner service that received personal data, or the data subject exercising their rights
 * over their own data (an export or an erasure, recorded by the identity subgraph once the request is handled).
 */
export type ActorKind = "staff" | "partner" | "data_subject";
export type OperationType = "query" | "mutation" | "subscription";

/** What a record asserts, minus the erasable account id: exactly what the digest covers. */
export interface AuditFacts {
  id: string;
  occurredAt: Date;
  actorKind: ActorKind;
  actorToken: string;
  actorClientId: string | null;
  staffService: string | null;
  operationName: string | null;
  operationType: OperationType;
  documentHash: string;
  variablesHash: string;
  personalFields: string[];
  personalValueCount: number;
  requestId: string;
}

export interface StoredAuditRecord extends AuditFacts {
  actorAccountId: string | null;
  recordedAt: Date;
  digest: string;
  ledgerSeq: number;
}

/**
 * The actor's pseudonym in the ledger: one per account (or partner client), unlinkable without the secret. A person's
 * own requests and their operations as an agent share it: it is the same account.
 */
export function actorTokenOf(secret: string, kind: ActorKind, id: string): string {
  return subjectToken(secret, TOKEN_SUBJECT, kind === "partner" ? `partner:${id}` : id);
}

/** The id an actor is known by: a partner's client id, anyone else's pseudonymous account id. */
export function actorIdOf(record: {
  actorKind: ActorKind;
  actorAccountId: string | null;
  actorClientId: string | null;
}): string | null {
  return record.actorKind === "partner" ? record.actorClientId : record.actorAccountId;
}

export function auditDigest(facts: AuditFacts): string {
  const canonical = canonicalJson({
    v: 1,
    id: facts.id,
    occurredAt: facts.occurredAt.toISOString(),
    actorKind: facts.actorKind,
    actorToken: facts.actorToken,
    actorClientId: facts.actorClientId,
    staffService: facts.staffService,
    operationName: facts.operationName,
    operationType: facts.operationType,
    documentHash: facts.documentHash,
    variablesHash: facts.variablesHash,
    personalFields: facts.personalFields,
    personalValueCount: facts.personalValueCount,
    requestId: facts.requestId,
  });
  return createHash("sha256").update(canonical).digest("hex");
}

/** The ledger entry of a record: its id and digest, under the actor's token; it adds nothing to the total. */
export function auditLedgerEntry(facts: AuditFacts, digest: string): LedgerEntryInput {
  return { kind: AUDIT_ENTRY_KIND, token: facts.actorToken, delta: 0, data: { record: facts.id, digest } };
}

/**
 * True when the record is what was written: its digest recomputes, the ledger entry at its position names it with
 * that digest and hashes to the stored leaf, and a remaining account id still matches the token.
 */
export function isIntact(
  record: StoredAuditRecord,
  stored: { entry: string; leafHash: string } | undefined,
  tokenSecret: string,
): boolean {
  if (auditDigest(record) !== record.digest || !stored) return false;
  if (toHex(leafHash(stored.entry)) !== stored.leafHash) return false;
  let entry: ReturnType<typeof decodeEntry>;
  try {
    entry = decodeEntry(stored.entry);
  } catch {
    return false;
  }
  const data = entry.data as { record?: unknown; digest?: unknown } | undefined;
  if (
    entry.kind !== AUDIT_ENTRY_KIND ||
    entry.token !== record.actorToken ||
    data?.record !== record.id ||
    data?.digest !== record.digest
  ) {
    return false;
  }
  const actorId = actorIdOf(record);
  return actorId === null || actorTokenOf(tokenSecret, record.actorKind, actorId) === record.actorToken;
}
