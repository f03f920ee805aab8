// The GraphQL face of a ledger: an object whose methods are the fields of the shared `Ledger` type (see
// README.md for the SDL every subgraph copies). graphql-js calls a parent's function properties with (args, ctx),
// so a resolver returns `ledgerView(...)` and needs nothing else; the subgraph's permissions still gate each field.
import { badUserInput } from "../errors.ts";
import type { LedgerSigner, SignedTreeHead } from "./signing.ts";
import {
  consistencyProof,
  inclusionProof,
  type LedgerSql,
  MAX_ENTRIES_PER_READ,
  readEntries,
  readHead,
  rootAt,
} from "./store.ts";

export interface LedgerView {
  logId: string;
  publicKey: string;
  head(): Promise<SignedTreeHead>;
  entries(args: {
    start: number;
    end: number;
  }): Promise<{ index: number; entry: string; leafHash: string }[]>;
  inclusionProof(args: { index: number; treeSize?: number | null }): Promise<{
    logId: string;
    index: number;
    treeSize: number;
    leafHash: string;
    entry: string;
    auditPath: string[];
    rootHash: string;
  }>;
  consistencyProof(args: { first: number; second?: number | null }): Promise<{
    logId: string;
    first: number;
    second: number;
    firstRootHash: string;
    secondRootHash: string;
    proof: string[];
  }>;
}

function requireCount(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw badUserInput(`\`${name}\` doit être un entier positif.`, { argument: name });
  return value;
}

export function ledgerView(sql: LedgerSql, schema: string, logId: string, signer: LedgerSigner): LedgerView {
  let head: Promise<SignedTreeHead> | undefined;
  const currentHead = () => {
    head ??= readHead(sql, schema, logId).then((unsigned) => signer.sign(unsigned));
    return head;
  };
  /** A size given by the caller, defaulting to the current head's; beyond it is BAD_USER_INPUT. */
  const sizeOrHead = async (value: number | null | undefined, name: string) => {
    const { size } = await currentHead();
    if (value === null || value === undefined) return size;
    requireCount(value, name);
    if (value > size) throw badUserInput(`Le journal ne compte que ${size} entrées.`, { argument: name });
    return value;
  };
  return {
    logId,
    publicKey: signer.publicKey,
    head: currentHead,
    async entries({ start, end }) {
      requireCount(start, "start");
      requireCount(end, "end");
      if (end < start || end - start > MAX_ENTRIES_PER_READ) {
        throw badUserInput(`Demandez de 0 à ${MAX_ENTRIES_PER_READ} entrées à la fois (start ≤ end).`, {
          argument: "end",
        });
      }
      const rows = await readEntries(sql, schema, logId, start, end);
      return rows.map((row) => ({ index: row.seq, entry: row.entry, leafHash: row.leafHash }));
    },
    async inclusionProof({ index, treeSize }) {
      const size = await sizeOrHead(treeSize, "treeSize");
      if (requireCount(index, "index") >= size) {
        throw badUserInput(`L'entrée ${index} n'est pas dans un arbre de ${size} entrées.`, {
          argument: "index",
        });
      }
      const [auditPath, [stored], rootHash] = await Promise.all([
        inclusionProof(sql, schema, logId, index, size),
        readEntries(sql, schema, logId, index, index + 1),
        rootAt(sql, schema, logId, size),
      ]);
      return {
        logId,
        index,
        treeSize: size,
        leafHash: stored?.leafHash ?? "",
        entry: stored?.entry ?? "",
        auditPath,
        rootHash,
      };
    },
    async consistencyProof({ first, second }) {
      const to = await sizeOrHead(second, "second");
      if (requireCount(first, "first") > to) {
        throw badUserInput("`first` ne peut dépasser `second`.", { argument: "first" });
      }
      const [proof, firstRootHash, secondRootHash] = await Promise.all([
        consistencyProof(sql, schema, logId, first, to),
        rootAt(sql, schema, logId, first),
        rootAt(sql, schema, logId, to),
      ]);
      return { logId, first, second: to, firstRootHash, secondRootHash, proof };
    },
  };
}
