import { describe, expect, it } from "vitest";
import {
  EMPTY_ROOT,
  consistencyProof,
  fromHex,
  inclusionProof,
  leafHash,
  nodeHash,
  rootOf,
  toHex,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from "@/lib/audit/merkle";

// The published RFC 6962 test vectors, typed in from transparency-dev/merkle (Apache-2.0):
// testonly/constants.go (LeafInputs, NodeHashes, RootHashes, EmptyRootHash),
// proof/verify_test.go (inclusionProofs, consistencyProofs, roots — the same values Trillian's
// merkle/log_verifier_test.go carried) and rfc6962/rfc6962_test.go (TestRFC6962Hasher).

const hex = (s: string) => new Uint8Array(Buffer.from(s, "hex"));

const LEAF_INPUTS = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

/** NodeHashes(): level 0 = the leaf hashes, up to level 3 = the root of all 8. */
const NODE_HASHES = [
  [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
    "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
    "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
    "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
  ],
  [
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
  ],
  [
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
  ],
  ["5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"],
];

/** RootHashes(), indexed by tree size 0..8. */
const ROOTS = [
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

/** verify_test.go inclusionProofs; `leaf` there is 1-based, here it is the 0-based index. */
const INCLUSION = [
  { index: 0, size: 1, proof: [] },
  {
    index: 0,
    size: 8,
    proof: [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
  { index: 2, size: 3, proof: ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"] },
  {
    index: 1,
    size: 5,
    proof: [
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  },
];

/** verify_test.go consistencyProofs. */
const CONSISTENCY = [
  { from: 1, to: 1, proof: [] },
  {
    from: 1,
    to: 8,
    proof: [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  },
  {
    from: 6,
    to: 8,
    proof: [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
  {
    from: 2,
    to: 5,
    proof: [
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  },
  {
    from: 6,
    to: 7,
    proof: [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
];

const leaves = LEAF_INPUTS.map((input) => leafHash(hex(input)));
const root = (size: number) => hex(ROOTS[size]!);

describe("RFC 6962 hashing (rfc6962_test.go)", () => {
  it("hashes the empty tree, an empty leaf, a leaf and a node to the published values", () => {
    expect(toHex(EMPTY_ROOT)).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(toHex(leafHash(new Uint8Array()))).toBe("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    expect(toHex(leafHash(Buffer.from("L123456")))).toBe("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
    expect(toHex(nodeHash(Buffer.from("N123"), Buffer.from("N456")))).toBe(
      "aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb",
    );
  });

  it("keeps leaves and nodes apart and depends on child order", () => {
    const [a, b] = [leafHash(Buffer.from("Hello")), leafHash(Buffer.from("World"))];
    expect(toHex(nodeHash(a, b))).not.toBe(toHex(leafHash(Buffer.concat([a, b]))));
    expect(toHex(nodeHash(a, b))).not.toBe(toHex(nodeHash(b, a)));
  });
});

describe("RFC 6962 tree heads and nodes (testonly/constants.go)", () => {
  it("gives the published leaf hashes and every complete subtree's hash", () => {
    let level = leaves;
    for (const expected of NODE_HASHES) {
      expect(level.map(toHex)).toEqual(expected);
      level = Array.from({ length: level.length / 2 }, (_, i) => nodeHash(level[2 * i]!, level[2 * i + 1]!));
    }
  });

  it("gives the published root for every size 0..8, from memory and through a root function", async () => {
    for (let size = 0; size <= 8; size++) {
      expect(toHex(rootOf(leaves.slice(0, size))), `size ${size}`).toBe(ROOTS[size]);
      expect(toHex(await treeRoot(size, leaves)), `size ${size}`).toBe(ROOTS[size]);
    }
  });
});

describe("RFC 6962 inclusion proofs (verify_test.go inclusionProofs)", () => {
  it.each(INCLUSION)("leaf $index of $size: generates the published path, which verifies", async ({ index, size, proof }) => {
    const made = await inclusionProof(index, size, leaves);
    expect(made.map(toHex)).toEqual(proof);
    expect(verifyInclusion(leaves[index]!, index, size, proof.map(hex), root(size))).toBe(true);
  });

  it("refuses the published paths with a wrong index, size, leaf, root or extra element", () => {
    for (const { index, size, proof } of INCLUSION.filter((p) => p.size > 1)) {
      const path = proof.map(hex);
      const leaf = leaves[index]!;
      const ok = (l: Uint8Array, i: number, n: number, p: Uint8Array[], r: Uint8Array) => verifyInclusion(l, i, n, p, r);
      expect(ok(leaf, index - 1, size, path, root(size))).toBe(false);
      expect(ok(leaf, index + 1, size, path, root(size))).toBe(false);
      expect(ok(leaf, index ^ 2, size, path, root(size))).toBe(false);
      expect(ok(leaf, index, size * 2, path, root(size))).toBe(false);
      expect(ok(leaf, index, Math.floor(size / 2), path, root(size))).toBe(false);
      expect(ok(Buffer.from("WrongLeaf"), index, size, path, root(size))).toBe(false);
      expect(ok(leaf, index, size, path, EMPTY_ROOT)).toBe(false);
      expect(ok(leaf, index, size, [...path, root(size)], root(size))).toBe(false);
      expect(ok(leaf, index, size, [root(size), ...path], root(size))).toBe(false);
      expect(ok(leaf, index, size, path.slice(0, -1), root(size))).toBe(false);
    }
  });

  it("checks a one-leaf tree by comparing the leaf with the root, and refuses empty or out-of-range trees", () => {
    const only = leafHash(Buffer.from("data"));
    expect(verifyInclusion(only, 0, 1, [], only)).toBe(true);
    expect(verifyInclusion(only, 0, 1, [], EMPTY_ROOT)).toBe(false);
    expect(verifyInclusion(new Uint8Array(), 0, 1, [], new Uint8Array())).toBe(false);
    for (const [index, size] of [[0, 0], [1, 0], [1, 1], [2, 1]] as const) {
      expect(verifyInclusion(only, index, size, [], EMPTY_ROOT)).toBe(false);
      expect(verifyInclusion(only, index, size, [], only)).toBe(false);
    }
  });
});

describe("RFC 6962 consistency proofs (verify_test.go consistencyProofs)", () => {
  it.each(CONSISTENCY)("$from → $to: generates the published proof, which verifies", async ({ from, to, proof }) => {
    const made = await consistencyProof(from, to, leaves);
    expect(made.map(toHex)).toEqual(proof);
    expect(verifyConsistency(from, to, root(from), root(to), proof.map(hex))).toBe(true);
  });

  it("handles the edge sizes as TestVerifyConsistency does (plus: an empty tree's root is known)", () => {
    const [r1, r2] = [root(1), root(2)];
    expect(verifyConsistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, [])).toBe(true);
    expect(verifyConsistency(0, 1, EMPTY_ROOT, r1, [])).toBe(true);
    expect(verifyConsistency(1, 1, r1, r1, [])).toBe(true);
    expect(verifyConsistency(1, 1, r1, r2, [])).toBe(false); // same size, different roots
    expect(verifyConsistency(0, 1, r1, r2, [])).toBe(false); // not the empty tree's root
    expect(verifyConsistency(1, 0, r1, r2, [])).toBe(false); // time travel
    expect(verifyConsistency(2, 1, r2, r1, [])).toBe(false);
    expect(verifyConsistency(1, 2, r1, r2, [])).toBe(false); // growth needs a proof
    expect(verifyConsistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, [EMPTY_ROOT])).toBe(false); // proof must be empty
    expect(verifyConsistency(0, 1, EMPTY_ROOT, r1, [EMPTY_ROOT])).toBe(false);
    expect(verifyConsistency(1, 1, r1, r1, [EMPTY_ROOT])).toBe(false);
  });
});

describe("hex", () => {
  it("round-trips a hash and refuses anything but 64 hex digits", () => {
    expect(toHex(fromHex(ROOTS[8]!.toUpperCase())!)).toBe(ROOTS[8]);
    for (const bad of ["", "00", `${ROOTS[8]}00`, `${ROOTS[8]!.slice(0, 63)}g`, ` ${ROOTS[8]!.slice(1)}`]) {
      expect(fromHex(bad)).toBeNull();
    }
  });
});
