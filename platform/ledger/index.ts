// The shared verifiable ledger (design: "Verifiable ledgers"). See README.md next to this file.
export {
  canonicalJson,
  decodeEntry,
  encodeEntry,
  type JsonValue,
  type LedgerEntry,
  type LedgerEntryInput,
  subjectToken,
} from "./entry.ts";
export {
  consistencyRanges,
  EMPTY_ROOT,
  fromHex,
  type Hash,
  inclusionRanges,
  leafHash,
  MemoryTree,
  nodeHash,
  rootFromInclusionProof,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from "./merkle.ts";
export {
  createLedgerSigner,
  type LedgerSigner,
  parsePublicKey,
  type SignedTreeHead,
  type TreeHead,
  treeHeadMessage,
  verifyTreeHead,
} from "./signing.ts";
export {
  type AppendedEntry,
  appendEntry,
  consistencyProof,
  inclusionProof,
  type LedgerSql,
  ledgerSql,
  MAX_ENTRIES_PER_READ,
  readEntries,
  readHead,
  readHeads,
  rootAt,
  type StoredEntry,
} from "./store.ts";
export { fetchLedger, type PublishedLedger, type VerificationReport, verifyLedger } from "./verify.ts";
export { type LedgerView, ledgerView } from "./view.ts";
