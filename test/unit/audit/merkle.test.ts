import { describe, expect, it } from "vitest";
import {
  EMPTY_ROOT,
  consistencyProof,
  inclusionProof,
  lazySubtreeRoots,
  leafHash,
  nodeHash,
  rootOf,
  toHex,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
  type Hash,
} from "@/lib/audit/merkle";

const MAX = 64;
const leaves = Array.from({ length: MAX }, (_, i) => leafHash(Buffer.from(`event ${i}`)));
const roots = Array.from({ length: MAX + 1 }, (_, n) => rootOf(leaves.slice(0, n)));
const SOME_HASH = leafHash(Buffer.from("not in the tree"));

function flipBit(proof: readonly Hash[], i: number): Hash[] {
  return proof.map((h, j) => (j === i ? Uint8Array.from(h, (b, k) => (k === 0 ? b ^ 8 : b)) : h));
}

/** Ways of spoiling a proof itself, each of which a verifier must notice. */
function spoiledProofs(proof: readonly Hash[], extra: Hash): [string, Hash[]][] {
  const out: [string, Hash[]][] = [
    ["trailing hash", [...proof, extra]],
    ["leading hash", [extra, ...proof]],
    ["trailing short value", [...proof, new Uint8Array(0)]],
  ];
  proof.forEach((_, i) => out.push([`bit flipped in proof[${i}]`, flipBit(proof, i)]));
  if (proof.length > 0) out.push(["last element removed", proof.slice(0, -1)]);
  if (proof.length > 1) out.push(["element inserted", [proof[0]!, SOME_HASH, ...proof.slice(1)]]);
  return out;
}

/** Mismatches are collected, not asserted one by one: tens of thousands of expect() calls are slow. */
function collector(): [string[], (got: boolean, want: boolean, what: string) => void] {
  const wrong: string[] = [];
  return [wrong, (got, want, what) => void (got !== want && wrong.push(`${what}: got ${got}`))];
}

/** Which subtrees a consistency proof from m to n is made of: left of m, right of m, or the old one. */
async function consistencyShape(m: number, n: number): Promise<string> {
  const parts: string[] = [];
  await consistencyProof(m, n, (start, end) => {
    parts.push(end < m ? "L" : start >= m ? "R" : "O");
    return SOME_HASH;
  });
  return parts.join("");
}

/** Whether leaf `index` has siblings on the same sides, in the same order, in both tree sizes. */
async function sameShape(index: number, size: number, otherSize: number): Promise<boolean> {
  return (await sides(index, size)) === (await sides(index, otherSize));
}

const shapes = new Map<string, string>();
async function sides(index: number, size: number): Promise<string> {
  const key = `${index}/${size}`;
  if (!shapes.has(key)) {
    const left: boolean[] = [];
    await inclusionProof(index, size, (start, end) => {
      left.push(end <= index);
      return SOME_HASH;
    });
    shapes.set(key, left.join());
  }
  return shapes.get(key)!;
}

// RFC 6962 §2.1.3: the 7-leaf example tree; a..f are leaves d0..d5, j is d6,
// g = [0,2), h = [2,4), i = [4,6), k = [0,4), l = [4,7).
describe("the RFC 6962 §2.1.3 worked examples", () => {
  const d = Array.from({ length: 7 }, (_, i) => leafHash(Buffer.from(`d${i}`)));
  const r = (start: number, end: number) => toHex(rootOf(d.slice(start, end)));
  const [a, b, c, dd, e, f, j] = [r(0, 1), r(1, 2), r(2, 3), r(3, 4), r(4, 5), r(5, 6), r(6, 7)];
  const [g, h, i, k, l] = [r(0, 2), r(2, 4), r(4, 6), r(0, 4), r(4, 7)];

  it("gives the audit paths the RFC lists", async () => {
    const path = async (index: number) => (await inclusionProof(index, 7, d)).map(toHex);
    expect(await path(0)).toEqual([b, h, l]);
    expect(await path(3)).toEqual([c, g, l]);
    expect(await path(4)).toEqual([f, j, k]);
    expect(await path(6)).toEqual([i, k]);
    expect(a).not.toBe(e); // the names above stand for distinct hashes
  });

  it("gives the consistency proofs the RFC lists", async () => {
    const proof = async (m: number) => (await consistencyProof(m, 7, d)).map(toHex);
    expect(await proof(3)).toEqual([c, dd, g, l]);
    expect(await proof(4)).toEqual([l]);
    expect(await proof(6)).toEqual([i, j, k]);
  });
});

describe("inclusion proofs for every leaf of every tree of 1..64 leaves", () => {
  it("verify, and stop verifying when the proof, index, leaf, root or size is tampered with", async () => {
    const [wrong, check] = collector();
    let checked = 0;
    for (let n = 1; n <= MAX; n++) {
      for (let index = 0; index < n; index++) {
        const proof = await inclusionProof(index, n, leaves);
        const [leaf, root] = [leaves[index]!, roots[n]!];
        check(verifyInclusion(leaf, index, n, proof, root), true, `${index} of ${n}`);
        for (const [what, spoiled] of spoiledProofs(proof, root)) {
          check(verifyInclusion(leaf, index, n, spoiled, root), false, `${index} of ${n}: ${what}`);
        }
        // Every other index up to 32 leaves; past that the neighbours (all of them costs seconds).
        const others = n <= 32 ? [...Array(n).keys()] : [0, index - 1, index + 1, index ^ 1, index ^ 2, n - 1];
        for (const other of others) {
          if (other === index || other < 0 || other >= n) continue;
          check(verifyInclusion(leaf, other, n, proof, root), false, `${index} of ${n} claimed as ${other}`);
          check(verifyInclusion(leaves[other]!, index, n, proof, root), false, `leaf ${other} as ${index} of ${n}`);
        }
        check(verifyInclusion(leaf, index, n, proof, SOME_HASH), false, `${index} of ${n}: other root`);
        if (n > 1) check(verifyInclusion(leaf, index, n, proof, roots[n - 1]!), false, `${index} of ${n}: other root`);
        // A wrong size is caught exactly when it changes the path's shape (see the next test).
        for (let size = index + 1; size <= n + 8; size++) {
          if (size === n) continue;
          const accepted = verifyInclusion(leaf, index, size, proof, root);
          check(accepted, await sameShape(index, n, size), `${index} of ${n} claimed in ${size}`);
        }
        check(await sameShape(index, n, n * 2), false, `${index} of ${n}: shape in ${n * 2}`);
        check(verifyInclusion(leaf, index, n * 2, proof, root), false, `${index} of ${n} claimed in ${n * 2}`);
        checked++;
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBe((MAX * (MAX + 1)) / 2);
  });

  it("cannot tell a tree size from another with the same path shape: the checkpoint binds size to root", async () => {
    // Leaf 0 of 5 and of 6 have paths of the same shape (leaf, pair, right subtree); only the
    // signed (size, root) pair of a checkpoint says which size a root belongs to.
    const proof = await inclusionProof(0, 5, leaves);
    expect(verifyInclusion(leaves[0]!, 0, 6, proof, roots[5]!)).toBe(true);
    expect(verifyInclusion(leaves[0]!, 0, 6, proof, roots[6]!)).toBe(false);
    expect(await sameShape(0, 5, 6)).toBe(true);
  });

  it("refuses to make a proof for a leaf outside the tree", async () => {
    await expect(inclusionProof(3, 3, leaves)).rejects.toMatchObject({ code: "invalid_input" });
    await expect(inclusionProof(0, 0, leaves)).rejects.toMatchObject({ code: "invalid_input" });
    await expect(inclusionProof(-1, 3, leaves)).rejects.toMatchObject({ code: "invalid_input" });
    await expect(inclusionProof(0.5, 3, leaves)).rejects.toMatchObject({ code: "invalid_input" });
    await expect(inclusionProof(0, MAX + 1, leaves)).rejects.toMatchObject({ code: "invalid_input" });
  });
});

describe("consistency proofs for every pair of sizes 0 <= m <= n <= 64", () => {
  it("verify, and stop verifying when the proof, a size or a root is tampered with", async () => {
    const [wrong, check] = collector();
    for (let n = 0; n <= MAX; n++) {
      for (let m = 0; m <= n; m++) {
        const proof = await consistencyProof(m, n, leaves);
        const [rootM, rootN] = [roots[m]!, roots[n]!];
        check(verifyConsistency(m, n, rootM, rootN, proof), true, `${m} → ${n}`);
        if (m === n) expect(proof).toEqual([]);
        check(verifyConsistency(m, n, SOME_HASH, rootN, proof), false, `${m} → ${n}: wrong old root`);
        if (m === 0) continue;
        check(verifyConsistency(m, n, rootM, SOME_HASH, proof), false, `${m} → ${n}: wrong new root`);
        if (m === n) continue;
        check(verifyConsistency(m, n, rootN, rootM, proof), false, `${m} → ${n}: swapped roots`);
        check(verifyConsistency(m, n, rootM, rootN, []), false, `${m} → ${n}: empty proof`);
        for (const [what, spoiled] of spoiledProofs(proof, rootM)) {
          check(verifyConsistency(m, n, rootM, rootN, spoiled), false, `${m} → ${n}: ${what}`);
        }
        for (const other of [m - 1, m + 1, m ^ 2]) {
          if (other === m || other < 1 || other >= n) continue;
          check(verifyConsistency(other, n, rootM, rootN, proof), false, `${m} → ${n} claimed from ${other}`);
          check(verifyConsistency(other, n, roots[other]!, rootN, proof), false, `${m}'s proof for ${other} → ${n}`);
        }
        for (const size of [n * 2, Math.floor(n / 2)]) {
          if (size <= m || size === n) continue;
          check(verifyConsistency(m, size, rootM, rootN, proof), false, `${m} → ${n} claimed to ${size}`);
        }
        // As for inclusion: another new size is caught exactly when the proof's shape differs.
        for (let size = m + 1; size <= n + 8; size++) {
          if (size === n) continue;
          const accepted = verifyConsistency(m, size, rootM, rootN, proof);
          check(accepted, (await consistencyShape(m, n)) === (await consistencyShape(m, size)), `${m} → ${n} claimed to ${size}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("refuses to make a proof back in time", async () => {
    await expect(consistencyProof(5, 4, leaves)).rejects.toMatchObject({ code: "invalid_input" });
    await expect(consistencyProof(-1, 4, leaves)).rejects.toMatchObject({ code: "invalid_input" });
  });
});

describe("lazySubtreeRoots: proofs over a log read a chunk at a time", () => {
  it("gives the same roots and proofs as the leaves in memory, for several chunk sizes", async () => {
    for (const chunkSize of [1, 3, 4, 16, 100]) {
      const source = lazySubtreeRoots(async (start, end) => leaves.slice(start, end), { chunkSize });
      for (let n = 1; n <= MAX; n += 7) {
        expect(toHex(await treeRoot(n, source))).toBe(toHex(roots[n]!));
        for (let index = 0; index < n; index += 3) {
          expect((await inclusionProof(index, n, source)).map(toHex)).toEqual((await inclusionProof(index, n, leaves)).map(toHex));
        }
        for (let m = 0; m <= n; m += 5) {
          expect((await consistencyProof(m, n, source)).map(toHex)).toEqual((await consistencyProof(m, n, leaves)).map(toHex));
        }
      }
    }
    expect(toHex(await treeRoot(0, lazySubtreeRoots(() => [])))).toBe(toHex(EMPTY_ROOT));
  });

  it("never reads more than a chunk, and reuses full subtrees as the log grows", async () => {
    const size = 50_000;
    const big = Array.from({ length: size + 1000 }, (_, i) => leafHash(Buffer.from(String(i))));
    let [reads, leavesRead, largest] = [0, 0, 0];
    const source = lazySubtreeRoots(
      (start, end) => {
        reads++;
        leavesRead += end - start;
        largest = Math.max(largest, end - start);
        return big.slice(start, end);
      },
      { chunkSize: 256 },
    );
    const root = await treeRoot(size, source);
    expect(toHex(root)).toBe(toHex(rootOf(big.slice(0, size))));
    expect(largest).toBeLessThanOrEqual(256);
    expect(leavesRead).toBe(size);

    // The log grows by 1000 events: a new root and the proofs between the two checkpoints read
    // only what is new or not yet inside a remembered full subtree, not the 50 000 again.
    leavesRead = 0;
    const grown = await treeRoot(size + 1000, source);
    const proof = await consistencyProof(size, size + 1000, source);
    const path = await inclusionProof(size + 500, size + 1000, source);
    expect(verifyConsistency(size, size + 1000, root, grown, proof)).toBe(true);
    expect(verifyInclusion(big[size + 500]!, size + 500, size + 1000, path, grown)).toBe(true);
    expect(toHex(grown)).toBe(toHex(rootOf(big)));
    expect(leavesRead).toBeLessThan(3 * 1000 + 3 * 256);
  });

  it("refuses a reader that returns the wrong number of hashes", async () => {
    const short = lazySubtreeRoots((start, end) => leaves.slice(start, end - 1));
    await expect(treeRoot(4, short)).rejects.toThrow(/not 4 32-byte hashes/);
    expect(() => lazySubtreeRoots(() => [], { chunkSize: 0 })).toThrow(RangeError);
  });
});

it("nodeHash is not commutative, so a path's left/right order matters", () => {
  expect(toHex(nodeHash(leaves[0]!, leaves[1]!))).not.toBe(toHex(nodeHash(leaves[1]!, leaves[0]!)));
});
