// The Merkle tree against the Certificate Transparency reference vectors (the 8-leaf example of RFC 6962 used by
// certificate-transparency-go / transparency-dev/merkle), then properties over many sizes: every proof this module
// produces verifies, and any change to the leaf, the index, the size, the root or the proof makes it fail.
import { describe, expect, it } from "vitest";
import {
  appendLeaf,
  consistencyRanges,
  EMPTY_ROOT,
  foldRight,
  fromHex,
  type Hash,
  inclusionRanges,
  leafHash,
  MemoryTree,
  nodeHash,
  perfectNodesOf,
  splitPoint,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from "./merkle.ts";

const INPUTS = [
  "",
  "00",
  "10",
  "2021",
  "3031",
  "40414243",
  "5051525354555657",
  "606162636465666768696a6b6c6d6e6f",
].map((hex) => new Uint8Array(Buffer.from(hex, "hex")));

/** Roots of the trees of the first 1…8 inputs. */
const ROOTS = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

/** Inclusion proofs of the reference (0-based leaf index). */
const INCLUSION = [
  {
    index: 0,
    size: 8,
    path: [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  },
  {
    index: 5,
    size: 8,
    path: [
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
  { index: 2, size: 3, path: ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"] },
  {
    index: 1,
    size: 5,
    path: [
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  },
];

const CONSISTENCY = [
  {
    first: 1,
    second: 8,
    proof: [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  },
  {
    first: 6,
    second: 8,
    proof: [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
  {
    first: 2,
    second: 5,
    proof: [
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  },
  {
    first: 2,
    second: 8,
    proof: [
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  },
];

const LEAVES = INPUTS.map((input) => leafHash(input));
const reference = new MemoryTree(LEAVES);

describe("RFC 6962 reference vectors", () => {
  it("hashes the empty tree, leaves and nodes with the standard prefixes", () => {
    expect(toHex(EMPTY_ROOT)).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(toHex(leafHash(new Uint8Array()))).toBe(ROOTS[0]);
    expect(toHex(nodeHash(LEAVES[0] as Hash, LEAVES[1] as Hash))).toBe(ROOTS[1]);
  });

  it("splits at the largest power of two smaller than n, not the midpoint", () => {
    expect([2, 3, 4, 5, 6, 7, 8, 9, 1000].map(splitPoint)).toEqual([1, 2, 2, 4, 4, 4, 4, 8, 512]);
  });

  it("gives the published root of every prefix of the 8-leaf example", () => {
    expect(toHex(reference.root(0))).toBe(toHex(EMPTY_ROOT));
    for (let size = 1; size <= 8; size++) expect(toHex(reference.root(size))).toBe(ROOTS[size - 1]);
  });

  it.each(INCLUSION)(
    "produces and verifies the inclusion proof of leaf $index in $size",
    ({ index, size, path }) => {
      expect(reference.inclusionProof(index, size).map(toHex)).toEqual(path);
      const root = fromHex(ROOTS[size - 1] as string);
      expect(verifyInclusion(index, size, LEAVES[index] as Hash, path.map(fromHex), root)).toBe(true);
    },
  );

  it.each(CONSISTENCY)(
    "produces and verifies the consistency proof $first → $second",
    ({ first, second, proof }) => {
      expect(reference.consistencyProof(first, second).map(toHex)).toEqual(proof);
      const [a, b] = [fromHex(ROOTS[first - 1] as string), fromHex(ROOTS[second - 1] as string)];
      expect(verifyConsistency(first, second, a, b, proof.map(fromHex))).toBe(true);
    },
  );

  it("decides the degenerate consistency cases as certificate-transparency-go does", () => {
    const [r4, r5] = [reference.root(4), reference.root(5)];
    expect(verifyConsistency(4, 4, r4, r4, [])).toBe(true);
    expect(verifyConsistency(4, 4, r4, r5, [])).toBe(false);
    expect(verifyConsistency(4, 4, r4, r4, [r4])).toBe(false);
    expect(verifyConsistency(0, 8, EMPTY_ROOT, reference.root(8), [])).toBe(true);
    expect(verifyConsistency(0, 8, EMPTY_ROOT, reference.root(8), [EMPTY_ROOT])).toBe(false);
    expect(verifyConsistency(5, 4, r5, r4, [])).toBe(false);
    expect(verifyConsistency(1, 2, LEAVES[0] as Hash, reference.root(2), [])).toBe(false);
  });

  it("refuses impossible inclusion probes", () => {
    const some = fromHex("abacaba000000000000000000000000000000000000000000060061e00123456");
    for (const [index, size] of [
      [0, 0],
      [1, 0],
      [2, 1],
      [-1, 8],
    ] as const) {
      expect(verifyInclusion(index, size, some, [], EMPTY_ROOT)).toBe(false);
    }
    const single = leafHash("data");
    expect(verifyInclusion(0, 1, single, [], single)).toBe(true);
    expect(verifyInclusion(0, 1, single, [], new Uint8Array())).toBe(false);
  });
});

// ---- properties over many sizes ----------------------------------------------------------------------------------

/** A deterministic pseudo-random generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const flip = (hash: Hash, byte = 0) => {
  const copy = new Uint8Array(hash);
  copy[byte] = (copy[byte] ?? 0) ^ 0x10;
  return copy;
};

const leavesOf = (count: number, salt = "leaf") =>
  Array.from({ length: count }, (_, i) => leafHash(`${salt}-${i}`));

describe("properties", () => {
  const many = leavesOf(140);
  const tree = new MemoryTree(many);

  it("the compact-range append gives the same roots and subtrees as building the whole tree", () => {
    let frontier: Hash[] = [];
    for (let size = 0; size < many.length; size++) {
      const { frontier: next, completed } = appendLeaf(frontier, size, many[size] as Hash);
      for (const node of completed) expect(toHex(node.hash)).toBe(toHex(tree.node(node)));
      frontier = next;
      expect(toHex(foldRight(frontier))).toBe(toHex(tree.root(size + 1)));
    }
  });

  it("every inclusion proof verifies for every size up to 140, and tampering fails it", () => {
    const next = random(7);
    for (let size = 1; size <= many.length; size++) {
      const root = tree.root(size);
      for (let index = 0; index < size; index++) {
        const leaf = many[index] as Hash;
        const proof = tree.inclusionProof(index, size);
        expect(verifyInclusion(index, size, leaf, proof, root)).toBe(true);
        // A sample of tampering, on a fraction of cases to keep the run short.
        if (next() < 0.1) {
          expect(verifyInclusion(index, size, flip(leaf), proof, root)).toBe(false);
          expect(verifyInclusion(index, size, leaf, proof, flip(root))).toBe(false);
          if (size > 1) expect(verifyInclusion((index + 1) % size, size, leaf, proof, root)).toBe(false);
          // Wrong tree heights, as certificate-transparency-go probes them.
          expect(verifyInclusion(index, size * 2, leaf, proof, root)).toBe(false);
          if (Math.floor(size / 2) > index) {
            expect(verifyInclusion(index, Math.floor(size / 2), leaf, proof, root)).toBe(false);
          }
          if (proof.length > 0) {
            const at = Math.floor(next() * proof.length);
            const bad = proof.map((hash, i) => (i === at ? flip(hash, 5) : hash));
            expect(verifyInclusion(index, size, leaf, bad, root)).toBe(false);
            expect(verifyInclusion(index, size, leaf, proof.slice(0, -1), root)).toBe(false);
            expect(verifyInclusion(index, size, leaf, [...proof, root], root)).toBe(false);
          }
        }
      }
    }
  });

  it("every consistency proof verifies for every pair of sizes up to 140, and tampering fails it", () => {
    const next = random(11);
    for (let second = 1; second <= many.length; second++) {
      for (let first = 1; first <= second; first++) {
        const proof = tree.consistencyProof(first, second);
        const [a, b] = [tree.root(first), tree.root(second)];
        expect(verifyConsistency(first, second, a, b, proof)).toBe(true);
        if (first < second && next() < 0.05) {
          expect(verifyConsistency(first, second, flip(a), b, proof)).toBe(false);
          expect(verifyConsistency(first, second, a, flip(b), proof)).toBe(false);
          expect(verifyConsistency(first, second, b, a, proof)).toBe(false);
          const at = Math.floor(next() * proof.length);
          expect(
            verifyConsistency(
              first,
              second,
              a,
              b,
              proof.map((h, i) => (i === at ? flip(h) : h)),
            ),
          ).toBe(false);
          expect(verifyConsistency(first, second, a, b, proof.slice(0, -1))).toBe(false);
          expect(verifyConsistency(first, second, a, b, [...proof, a])).toBe(false);
        }
      }
    }
  });

  it("random large sizes: proofs verify and a tampered entry changes the root", () => {
    const next = random(2026);
    for (let round = 0; round < 6; round++) {
      const size = 1 + Math.floor(next() * 5_000);
      const leaves = leavesOf(size, `round-${round}`);
      const big = new MemoryTree(leaves);
      const index = Math.floor(next() * size);
      const root = big.root();
      expect(verifyInclusion(index, size, leaves[index] as Hash, big.inclusionProof(index), root)).toBe(true);
      const first = 1 + Math.floor(next() * size);
      expect(verifyConsistency(first, size, big.root(first), root, big.consistencyProof(first))).toBe(true);
      const tampered = [...leaves];
      tampered[index] = leafHash(`tampered-${index}`);
      expect(toHex(new MemoryTree(tampered).root())).not.toBe(toHex(root));
    }
  });

  it("decomposes proof ranges into aligned perfect subtrees", () => {
    expect(perfectNodesOf([0, 5])).toEqual([
      { level: 2, index: 0 },
      { level: 0, index: 4 },
    ]);
    expect(perfectNodesOf([4, 7])).toEqual([
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(() => perfectNodesOf([1, 3])).toThrow(RangeError);
    for (let size = 1; size <= 64; size++) {
      for (let index = 0; index < size; index++) {
        for (const range of inclusionRanges(index, size)) expect(() => perfectNodesOf(range)).not.toThrow();
      }
      for (let first = 1; first < size; first++) {
        for (const range of consistencyRanges(first, size)) expect(() => perfectNodesOf(range)).not.toThrow();
      }
    }
  });
});
