import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";

/**
 * The RFC 6962 (Certificate Transparency) Merkle tree over sealed audit events: hashing and
 * MTH (§2.1), inclusion paths PATH (§2.1.1) and consistency proofs PROOF/SUBPROOF (§2.1.2), and
 * their verification exactly as RFC 9162 §2.1.3.2 and §2.1.4.2 give it. Pure: no database.
 *
 * Hashes are 32-byte Uint8Arrays; convert at the boundary with toHex/fromHex. Sizes and indices
 * are JavaScript numbers, checked to be safe integers, and the code divides instead of using the
 * 32-bit bitwise operators so trees past 2^31 leaves stay correct.
 *
 * Generating a proof only ever needs the roots of a few subtrees — MTH(D[start:end]) for the
 * ranges RFC 6962's recursion visits, O(log n) of them. So the proof functions take a
 * `SubtreeRoots`: either the leaf hashes in memory, or a function (start, end) → that subtree's
 * root, sync or async. A caller with a database builds one with `lazySubtreeRoots`, which reads
 * leaf hashes a chunk at a time and remembers the roots of perfect subtrees, so no proof needs
 * every leaf in memory and repeated proofs against a growing log reuse the work.
 * Verification never throws: a malformed or wrong proof is `false`, like any other mismatch.
 */

export type Hash = Uint8Array;

/** MTH(D[start:end]) for 0 <= start < end; may be async so a database can answer it. */
export type SubtreeRootFn = (start: number, end: number) => Hash | Promise<Hash>;
export type SubtreeRoots = readonly Hash[] | SubtreeRootFn;

export const HASH_BYTES = 32;

function sha256(...parts: Uint8Array[]): Hash {
  const h = createHash("sha256");
  for (const part of parts) h.update(part);
  return new Uint8Array(h.digest());
}

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Hash = sha256();

/** SHA-256(0x00 ‖ bytes): the prefix keeps a leaf from ever passing for an interior node. */
export function leafHash(bytes: Uint8Array): Hash {
  return sha256(LEAF_PREFIX, bytes);
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Hash, right: Hash): Hash {
  return sha256(NODE_PREFIX, left, right);
}

/** The largest power of two strictly below n (n >= 2): RFC 6962's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function mth(leaves: readonly Hash[], start: number, end: number): Hash {
  if (end - start === 1) return leaves[start]!;
  const k = splitPoint(end - start);
  return nodeHash(mth(leaves, start, start + k), mth(leaves, start + k, end));
}

/** MTH of a list of leaf hashes, any length (0 gives EMPTY_ROOT). */
export function rootOf(leafHashes: readonly Hash[]): Hash {
  return leafHashes.length === 0 ? EMPTY_ROOT : mth(leafHashes, 0, leafHashes.length);
}

function subtreeRootFn(source: SubtreeRoots): SubtreeRootFn {
  if (typeof source === "function") return source;
  return (start, end) => {
    if (end > source.length) throw new AppError("invalid_input", `The tree has ${source.length} leaves, not ${end}`);
    return mth(source, start, end);
  };
}

function checkSize(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new AppError("invalid_input", `${name} must be a non-negative integer`, { [name]: value });
  }
}

/** The root of the first `treeSize` leaves. */
export async function treeRoot(treeSize: number, source: SubtreeRoots): Promise<Hash> {
  checkSize("treeSize", treeSize);
  return treeSize === 0 ? EMPTY_ROOT : await subtreeRootFn(source)(0, treeSize);
}

/** PATH(index, D[0:treeSize]), leaf side first — the RFC 6962 §2.1.1 audit path. */
export async function inclusionProof(index: number, treeSize: number, source: SubtreeRoots): Promise<Hash[]> {
  checkSize("index", index);
  checkSize("treeSize", treeSize);
  if (index >= treeSize) {
    throw new AppError("invalid_input", `Leaf ${index} is not in a tree of ${treeSize} leaves`, { index, treeSize });
  }
  const root = subtreeRootFn(source);
  const proof: Hash[] = [];
  // Walk down from the whole tree; siblings come out root side first, so reverse at the end.
  let [start, end] = [0, treeSize];
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      proof.push(await root(start + k, end));
      end = start + k;
    } else {
      proof.push(await root(start, start + k));
      start += k;
    }
  }
  return proof.reverse();
}

/**
 * PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true) of RFC 6962 §2.1.2. For m = 0 and m = n the
 * proof is empty (RFC 9162 §2.1.4: nothing to prove beyond comparing the roots).
 */
export async function consistencyProof(m: number, n: number, source: SubtreeRoots): Promise<Hash[]> {
  checkSize("from", m);
  checkSize("to", n);
  if (m > n) throw new AppError("invalid_input", `A tree of ${m} leaves cannot precede one of ${n}`, { from: m, to: n });
  if (m === 0 || m === n) return [];
  const root = subtreeRootFn(source);
  const proof: Hash[] = [];
  let [start, end, whole] = [0, n, true];
  // m is relative to `start`; the loop ends when the old tree is exactly the current subtree.
  let rel = m;
  while (rel !== end - start) {
    const k = splitPoint(end - start);
    if (rel <= k) {
      proof.push(await root(start + k, end));
      end = start + k;
    } else {
      proof.push(await root(start, start + k));
      start += k;
      rel -= k;
      whole = false;
    }
  }
  // SUBPROOF(m, D[m], b): the old subtree's own root, unless it is the old tree's root (b true).
  if (!whole) proof.push(await root(start, end));
  return proof.reverse();
}

/** Reads leaf hashes [start, end) of the log, in order; a database query, typically. */
export type ReadLeafHashes = (start: number, end: number) => readonly Hash[] | Promise<readonly Hash[]>;

/**
 * A SubtreeRootFn over leaf hashes read on demand, at most `chunkSize` per read, so memory stays
 * O(chunkSize + cache) whatever the tree's size. Roots of power-of-two-sized ranges of at least
 * `chunkSize` leaves are remembered (about 2·n/chunkSize entries of 32 bytes): a subtree of an
 * append-only log never changes once full, so later proofs and roots reuse them and cost
 * O(chunkSize · log n) reads instead of O(n). Keep one instance per log for as long as the leaves
 * it has read cannot change; if they could (a restore, a rewrite), make a new one.
 */
export function lazySubtreeRoots(read: ReadLeafHashes, { chunkSize = 1024 }: { chunkSize?: number } = {}): SubtreeRootFn {
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) throw new RangeError("chunkSize must be a positive integer");
  const remembered = new Map<string, Hash>();

  async function leaves(start: number, end: number): Promise<readonly Hash[]> {
    const got = await read(start, end);
    if (got.length !== end - start || !got.every(isHash)) {
      throw new Error(`Reading leaf hashes [${start}, ${end}) gave ${got.length} values, not ${end - start} 32-byte hashes`);
    }
    return got;
  }

  async function perfect(start: number, size: number): Promise<Hash> {
    const key = `${start}+${size}`;
    const known = remembered.get(key);
    if (known) return known;
    const half = size / 2;
    const root = size <= chunkSize ? rootOf(await leaves(start, start + size)) : nodeHash(await perfect(start, half), await perfect(start + half, half));
    if (size >= chunkSize) remembered.set(key, root);
    return root;
  }

  async function range(start: number, end: number): Promise<Hash> {
    const n = end - start;
    if (isPowerOfTwo(n)) return perfect(start, n);
    if (n <= chunkSize) return rootOf(await leaves(start, end));
    const k = splitPoint(n);
    return nodeHash(await range(start, start + k), await range(start + k, end));
  }

  return (start, end) => {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end <= start) {
      throw new RangeError(`[${start}, ${end}) is not a non-empty range of leaves`);
    }
    return range(start, end);
  };
}

function isHash(h: unknown): h is Hash {
  return h instanceof Uint8Array && h.length === HASH_BYTES;
}

export function equalHashes(a: Hash, b: Hash): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** RFC 9162 §2.1.3.2. */
export function verifyInclusion(leaf: Hash, index: number, treeSize: number, proof: readonly Hash[], root: Hash): boolean {
  if (!isHash(leaf) || !isHash(root) || !proof.every(isHash)) return false;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      // Climb past the levels where this node has no right sibling (the tree's ragged edge).
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn / 2, Math.floor(sn / 2)];
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  }
  return sn === 0 && equalHashes(r, root);
}

/**
 * RFC 9162 §2.1.4.2, plus its edge cases: m = n needs an empty proof and equal roots; m = 0 an
 * empty proof and rootM equal to EMPTY_ROOT (RFC 9162 leaves the empty tree's root unchecked; it
 * is known, so a different one is refused).
 */
export function verifyConsistency(m: number, n: number, rootM: Hash, rootN: Hash, proof: readonly Hash[]): boolean {
  if (!isHash(rootM) || !isHash(rootN) || !proof.every(isHash)) return false;
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m > n) return false;
  if (m === 0) return proof.length === 0 && equalHashes(rootM, EMPTY_ROOT);
  if (m === n) return proof.length === 0 && equalHashes(rootM, rootN);
  if (proof.length === 0) return false;
  // An old tree of 2^j leaves is a complete subtree of the new one, so the proof omits its root.
  const path = isPowerOfTwo(m) ? [rootM, ...proof] : [...proof];
  let fn = m - 1;
  let sn = n - 1;
  while (fn % 2 === 1) [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn / 2, Math.floor(sn / 2)];
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  }
  return sn === 0 && equalHashes(fr, rootM) && equalHashes(sr, rootN);
}

function isPowerOfTwo(x: number): boolean {
  let p = 1;
  while (p < x) p *= 2;
  return p === x;
}

export function toHex(hash: Hash): string {
  return Buffer.from(hash).toString("hex");
}

/** A 32-byte hash from 64 hex digits (either case), or null — for parsing proofs and roots. */
export function fromHex(hex: string): Hash | null {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return null;
  return new Uint8Array(Buffer.from(hex, "hex"));
}
