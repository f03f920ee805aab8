// The Merkle tree of Certificate Transparency (RFC 6962 §2.1, RFC 9162 §2.1): pure functions, no storage.
// Leaf hash SHA-256(0x00 ‖ entry), node hash SHA-256(0x01 ‖ left ‖ right), the split of an n-leaf tree at the
// largest power of two smaller than n. Proofs are computed in two steps so storage stays generic: first which
// subtrees a proof needs (ranges of leaves, `inclusionRanges` / `consistencyRanges`), then the hash of each range
// from the perfect subtrees it decomposes into (`perfectNodesOf`), which any store can keep once and for all:
// a perfect subtree never changes when the log grows.
import { createHash } from "node:crypto";

export type Hash = Uint8Array;

/** A perfect (complete, aligned) subtree: 2^level leaves starting at leaf index × 2^level. */
export interface NodeId {
  level: number;
  index: number;
}

/** Leaves [start, end) of the log. */
export type LeafRange = readonly [start: number, end: number];

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

export const HASH_BYTES = 32;

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Hash = sha256([]);

function sha256(parts: readonly Uint8Array[]): Hash {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

export function leafHash(entry: Uint8Array | string): Hash {
  const bytes = typeof entry === "string" ? new TextEncoder().encode(entry) : entry;
  return sha256([LEAF_PREFIX, bytes]);
}

export function nodeHash(left: Hash, right: Hash): Hash {
  if (left.length !== HASH_BYTES || right.length !== HASH_BYTES) throw new TypeError("hashes are 32 bytes");
  return sha256([NODE_PREFIX, left, right]);
}

export function toHex(hash: Hash): string {
  return Buffer.from(hash).toString("hex");
}

export function fromHex(hex: string): Hash {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new TypeError("a hash is 64 hexadecimal digits");
  return new Uint8Array(Buffer.from(hex, "hex"));
}

export function equalHashes(a: Hash, b: Hash): boolean {
  return a.length === b.length && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}

/** Sizes are plain numbers: 2^53 leaves is far beyond any log here, and bit operators would stop at 2^31. */
function assertSize(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative integer`);
}

/** k such that k < n ≤ 2k: where RFC 6962 splits a tree of n > 1 leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isOdd = (value: number) => value % 2 === 1;
const half = (value: number) => Math.floor(value / 2);

// ---- which subtrees a proof needs ------------------------------------------------------------------------------

/** PATH(m, D[n]) of RFC 6962 §2.1.1 as leaf ranges, in proof order (from the leaf up). */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  assertSize(index, "index");
  assertSize(size, "size");
  if (index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const ranges: LeafRange[] = [];
  const walk = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, start, start + k);
      ranges.push([start + k, end]);
    } else {
      walk(m - k, start + k, end);
      ranges.push([start, start + k]);
    }
  };
  walk(index, 0, size);
  return ranges;
}

/** PROOF(m, D[n]) of RFC 6962 §2.1.2 as leaf ranges, in proof order. Empty when m = 0 or m = n. */
export function consistencyRanges(first: number, second: number): LeafRange[] {
  assertSize(first, "first");
  assertSize(second, "second");
  if (first > second) throw new RangeError(`a tree of ${first} cannot be a prefix of one of ${second}`);
  if (first === 0 || first === second) return [];
  const ranges: LeafRange[] = [];
  const subproof = (m: number, start: number, end: number, whole: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!whole) ranges.push([start, end]);
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      subproof(m, start, start + k, whole);
      ranges.push([start + k, end]);
    } else {
      subproof(m - k, start + k, end, false);
      ranges.push([start, start + k]);
    }
  };
  subproof(first, 0, second, true);
  return ranges;
}

/**
 * The perfect subtrees whose hashes make MTH(D[start:end]), left to right, for every range that RFC 6962's
 * recursion produces (start is a multiple of a power of two at least end − start): the set bits of the
 * length, largest first. MTH of the range is then `foldRight` of their hashes.
 */
export function perfectNodesOf([start, end]: LeafRange): NodeId[] {
  assertSize(start, "start");
  assertSize(end, "end");
  if (end <= start) throw new RangeError("an empty range has no subtrees");
  const nodes: NodeId[] = [];
  let position = start;
  let remaining = end - start;
  let width = 1;
  let level = 0;
  while (width * 2 <= remaining) {
    width *= 2;
    level++;
  }
  while (remaining > 0) {
    if (width <= remaining) {
      if (position % width !== 0)
        throw new RangeError(`range [${start}, ${end}) is not a subtree of the log`);
      nodes.push({ level, index: position / width });
      position += width;
      remaining -= width;
    }
    width /= 2;
    level--;
  }
  return nodes;
}

/** H(a, H(b, H(c, …))): the root over perfect subtrees of decreasing sizes (a compact range). */
export function foldRight(hashes: readonly Hash[]): Hash {
  if (hashes.length === 0) return EMPTY_ROOT;
  let result = hashes[hashes.length - 1] as Hash;
  for (let i = hashes.length - 2; i >= 0; i--) result = nodeHash(hashes[i] as Hash, result);
  return result;
}

// ---- appending: the compact range of the whole log --------------------------------------------------------------

/**
 * The frontier of a log of `size` leaves: the hashes of its perfect subtrees, largest first (one per set bit of
 * the size). Appending a leaf merges the trailing equal-sized subtrees; the subtrees completed on the way are
 * returned so a store can keep them for proofs. O(log n) per append, amortised one new node.
 */
export function appendLeaf(
  frontier: readonly Hash[],
  size: number,
  leaf: Hash,
): { frontier: Hash[]; completed: (NodeId & { hash: Hash })[] } {
  assertSize(size, "size");
  const next = [...frontier];
  const completed: (NodeId & { hash: Hash })[] = [];
  let hash = leaf;
  let level = 0;
  let remaining = size;
  while (isOdd(remaining)) {
    const left = next.pop();
    if (!left) throw new RangeError(`frontier does not match a log of ${size} leaves`);
    hash = nodeHash(left, hash);
    level++;
    completed.push({ level, index: (size + 1) / 2 ** level - 1, hash });
    remaining = half(remaining);
  }
  next.push(hash);
  return { frontier: next, completed };
}

/** The number of subtrees in the frontier of a log of `size` leaves (its population count). */
export function frontierLength(size: number): number {
  let count = 0;
  for (let remaining = size; remaining > 0; remaining = half(remaining)) if (isOdd(remaining)) count++;
  return count;
}

// ---- in memory: a whole tree from its leaves (verification command, tests) -------------------------------------

/** Every perfect subtree of a list of leaf hashes, level by level; O(n) hashes to build. */
export class MemoryTree {
  readonly levels: Hash[][];

  constructor(leaves: readonly Hash[]) {
    this.levels = [[...leaves]];
    for (let below = this.levels[0] as Hash[]; below.length > 1; ) {
      const above: Hash[] = [];
      for (let i = 0; i + 1 < below.length; i += 2)
        above.push(nodeHash(below[i] as Hash, below[i + 1] as Hash));
      this.levels.push(above);
      below = above;
    }
  }

  get size(): number {
    return (this.levels[0] as Hash[]).length;
  }

  node({ level, index }: NodeId): Hash {
    const hash = this.levels[level]?.[index];
    if (!hash) throw new RangeError(`no subtree at level ${level}, index ${index}`);
    return hash;
  }

  rangeHash(range: LeafRange): Hash {
    return foldRight(perfectNodesOf(range).map((id) => this.node(id)));
  }

  root(size = this.size): Hash {
    return size === 0 ? EMPTY_ROOT : this.rangeHash([0, size]);
  }

  inclusionProof(index: number, size = this.size): Hash[] {
    return inclusionRanges(index, size).map((range) => this.rangeHash(range));
  }

  consistencyProof(first: number, second = this.size): Hash[] {
    return consistencyRanges(first, second).map((range) => this.rangeHash(range));
  }
}

// ---- verification (RFC 9162 §2.1.3.2 and §2.1.4.2) --------------------------------------------------------------

/** The root an inclusion proof leads to, or null when the proof cannot belong to this index and size. */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leaf: Hash,
  proof: readonly Hash[],
): Hash | null {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return null;
  if (leaf.length !== HASH_BYTES || proof.some((hash) => hash.length !== HASH_BYTES)) return null;
  let fn = index;
  let sn = size - 1;
  let result = leaf;
  for (const sibling of proof) {
    if (sn === 0) return null;
    if (isOdd(fn) || fn === sn) {
      result = nodeHash(sibling, result);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      result = nodeHash(result, sibling);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? result : null;
}

export function verifyInclusion(
  index: number,
  size: number,
  leaf: Hash,
  proof: readonly Hash[],
  root: Hash,
): boolean {
  const computed = rootFromInclusionProof(index, size, leaf, proof);
  return computed !== null && root.length === HASH_BYTES && equalHashes(computed, root);
}

/** Whether the tree of `second` leaves with root `secondRoot` extends the one of `first` leaves with `firstRoot`. */
export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Hash,
  secondRoot: Hash,
  proof: readonly Hash[],
): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second)
    return false;
  if (firstRoot.length !== HASH_BYTES || secondRoot.length !== HASH_BYTES) return false;
  if (proof.some((hash) => hash.length !== HASH_BYTES)) return false;
  // Degenerate cases, as certificate-transparency-go decides them: nothing to prove, so the proof must be empty.
  if (first === second) return proof.length === 0 && equalHashes(firstRoot, secondRoot);
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;

  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0] as Hash;
  let sr = path[0] as Hash;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalHashes(fr, firstRoot) && equalHashes(sr, secondRoot);
}

function isPowerOfTwo(value: number): boolean {
  let remaining = value;
  while (remaining > 1 && !isOdd(remaining)) remaining = half(remaining);
  return remaining === 1;
}
