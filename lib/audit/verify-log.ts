import { existsSync, readFileSync } from "node:fs";
import type { KeyObject } from "node:crypto";
import pg from "pg";
import { z } from "zod";
import { auditCheckpointFile } from "@/lib/config";
import { EVENT_COLUMNS, eventLeafHex, type EventRow } from "./log-event";
import { pgQuery } from "./log-store";
import { consistencyProof, fromHex, lazySubtreeRoots, toHex, treeRoot, verifyConsistency, type Hash } from "./merkle";
import { checkpointSignatureValid, trustedPublicKey, type Checkpoint } from "./signing";

/**
 * `tracewell audit verify`: checks the Merkle log against what a database superuser cannot forge.
 *
 * Inside the database: every seq 1..n present once, every sealed event present once, every leaf
 * equal to SHA-256(0x00 ‖ JCS(event)) recomputed from the stored row, every stored checkpoint's
 * root equal to the root recomputed from those leaves, its Ed25519 signature valid under the
 * TRUSTED key (the key file or --public-key, never the key stored in the database), and
 * consecutive checkpoints consistent (RFC 6962 consistency proofs).
 * Outside it: every checkpoint in the checkpoints file (and --checkpoint files) must carry a valid
 * signature and be consistent with the log as it is now; one larger than the log means the log was
 * truncated. A superuser who rewrites, removes, reorders or inserts an event and recomputes every
 * leaf and root in the database still fails here: the re-rooted checkpoints' signatures no longer
 * verify, and the signed roots kept outside disagree with the recomputed tree.
 *
 * Which event: a rewrite that left the leaf alone is named exactly; when the attacker also fixed
 * the leaves, the first wrong event lies after the largest signed tree size that still matches and
 * at or before the smallest that does not — exact when checkpoints are one event apart, otherwise
 * the range is reported. Leaves are held in memory (32 bytes per event).
 */

export interface VerifyProblem {
  /** The first log position the problem concerns, when there is one. */
  seq: string | null;
  reason: string;
}

export interface LogReport {
  ok: boolean;
  treeSize: number;
  rootHash: string;
  checkpoints: number;
  externalCheckpoints: number;
  unsealed: number;
  /** Sorted by seq: the first names the earliest wrong event. */
  problems: VerifyProblem[];
}

export interface VerifyLogOptions {
  url?: string;
  publicKey?: KeyObject;
  publicKeyFile?: string;
  /** Checkpoint files saved outside the database; the instance's own file is always included when it exists. */
  checkpointFiles?: string[];
  pageSize?: number;
}

const ZCheckpoint = z.object({
  treeSize: z.number().int().nonnegative(),
  rootHash: z.string().regex(/^[0-9a-f]{64}$/),
  timestamp: z.string(),
  signature: z.string(),
  publicKey: z.string().default(""),
});

/** A JSON checkpoint, or JSON lines of them. */
export function readCheckpointFile(file: string): Checkpoint[] {
  const text = readFileSync(file, "utf8").trim();
  if (!text) return [];
  let values: unknown[];
  try {
    const whole = JSON.parse(text) as unknown;
    values = Array.isArray(whole) ? whole : [whole];
  } catch {
    values = text.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown);
  }
  return values.map((v) => ZCheckpoint.parse(v));
}

export async function verifyAuditLog(options: VerifyLogOptions = {}): Promise<LogReport> {
  const key = options.publicKey ?? trustedPublicKey(options.publicKeyFile);
  const client = new pg.Client({ connectionString: options.url ?? process.env.DATABASE_URL });
  await client.connect();
  try {
    return await verifyWith(pgQuery(client), key, options);
  } finally {
    await client.end();
  }
}

async function verifyWith(query: ReturnType<typeof pgQuery>, key: KeyObject, options: VerifyLogOptions): Promise<LogReport> {
  const pageSize = options.pageSize ?? 5000;
  const problems: VerifyProblem[] = [];
  const problem = (seq: number | null, reason: string) => problems.push({ seq: seq === null ? null : String(seq), reason });

  // 1. Leaves, recomputed from the events as stored. The tree ends at the first gap.
  const leaves: Hash[] = [];
  const seenEvents = new Set<string>();
  let last = 0;
  let gap = false;
  for (;;) {
    const page = await query<{ pos: string; leafHash: string; eventSeq: string; present: boolean } & EventRow>(
      `SELECT s."seq"::text AS pos, s."leafHash", s."eventSeq"::text AS "eventSeq", (e."seq" IS NOT NULL) AS present, ${EVENT_COLUMNS}
         FROM "AuditSeal" s LEFT JOIN "AuditEvent" e ON e."seq" = s."eventSeq"
        WHERE s."seq" > $1::bigint ORDER BY s."seq" LIMIT ${pageSize}`,
      [String(last)],
    );
    for (const row of page) {
      const pos = Number(row.pos);
      if (!gap && pos !== leaves.length + 1) {
        problem(leaves.length + 1, `seq ${leaves.length + 1} is missing from the log (next is ${pos})`);
        gap = true;
      }
      if (seenEvents.has(row.eventSeq)) problem(pos, `event ${row.eventSeq} is sealed twice (again at seq ${pos})`);
      seenEvents.add(row.eventSeq);
      let leaf: string;
      if (!row.present) {
        problem(pos, `the event sealed at seq ${pos} is missing`);
        leaf = "";
      } else {
        leaf = eventLeafHex(row);
        if (leaf !== row.leafHash) problem(pos, `the event at seq ${pos} does not match its leaf hash (it was altered)`);
      }
      if (!gap) leaves.push(fromHex(leaf) ?? new Uint8Array(32));
      last = pos;
    }
    if (page.length < pageSize) break;
  }
  const treeSize = leaves.length;
  // Perfect subtrees remembered: each checkpoint's root and proof then costs O(log n), not O(n).
  const roots = lazySubtreeRoots((start, end) => leaves.slice(start, end));
  const rootAt = (n: number) => treeRoot(n, roots);
  const dbRoot = await rootAt(treeSize);

  const [counts] = await query<{ unsealed: number }>(
    `SELECT count(*)::int AS unsealed FROM "AuditEvent" e WHERE NOT EXISTS (SELECT 1 FROM "AuditSeal" s WHERE s."eventSeq" = e."seq")`,
  );

  // 2. Checkpoints stored in the database.
  const stored = (
    await query<{ treeSize: string; rootHash: string; timestamp: string; signature: string; publicKey: string }>(
      `SELECT "treeSize"::text AS "treeSize", "rootHash", "timestamp", "signature", "publicKey" FROM "AuditCheckpoint" ORDER BY "AuditCheckpoint"."treeSize"`,
    )
  ).map((c) => ({ ...c, treeSize: Number(c.treeSize) }));
  const signed: Checkpoint[] = [];
  let previous: Checkpoint | null = null;
  for (const cp of stored) {
    const from = (previous?.treeSize ?? 0) + 1;
    if (!checkpointSignatureValid(key, cp)) {
      problem(from, `the stored checkpoint of tree size ${cp.treeSize} has an invalid signature (events ${from}..${cp.treeSize} or the checkpoint were altered)`);
    } else signed.push(cp);
    if (cp.treeSize > treeSize) {
      problem(treeSize + 1, `the stored checkpoint of tree size ${cp.treeSize} is larger than the log (${treeSize}): events after seq ${treeSize} are missing`);
    } else if (toHex(await rootAt(cp.treeSize)) !== cp.rootHash) {
      problem(from, `the root of the first ${cp.treeSize} events differs from the stored checkpoint's`);
    }
    if (previous && previous.treeSize <= treeSize && cp.treeSize <= treeSize) {
      const proof = await consistencyProof(previous.treeSize, cp.treeSize, roots);
      if (!verifyConsistency(previous.treeSize, cp.treeSize, hash(previous.rootHash), hash(cp.rootHash), proof)) {
        problem(from, `the checkpoints of tree sizes ${previous.treeSize} and ${cp.treeSize} are not consistent`);
      }
    }
    previous = cp;
  }

  // 3. Checkpoints kept outside the database.
  const files = [...(options.checkpointFiles ?? [])];
  const own = auditCheckpointFile();
  if (existsSync(own) && !files.includes(own)) files.unshift(own);
  let externalCount = 0;
  let beyond: { size: number; file: string } | null = null;
  for (const file of files) {
    let external: Checkpoint[];
    try {
      external = readCheckpointFile(file);
    } catch (err) {
      problem(null, `${file} cannot be read as checkpoints: ${(err as Error).message}`);
      continue;
    }
    for (const cp of external) {
      externalCount += 1;
      if (!checkpointSignatureValid(key, cp)) {
        problem(null, `a checkpoint of tree size ${cp.treeSize} in ${file} has an invalid signature`);
        continue;
      }
      signed.push(cp);
      if (cp.treeSize > treeSize) {
        if (!beyond || cp.treeSize > beyond.size) beyond = { size: cp.treeSize, file };
        continue;
      }
      const proof = await consistencyProof(cp.treeSize, treeSize, roots);
      if (!verifyConsistency(cp.treeSize, treeSize, hash(cp.rootHash), dbRoot, proof)) {
        problem(null, `the log is not consistent with the signed checkpoint of tree size ${cp.treeSize} in ${file}`);
      }
    }
  }

  if (beyond) {
    const missing = beyond.size === treeSize + 1 ? `event ${beyond.size} is` : `events ${treeSize + 1}..${beyond.size} are`;
    problem(treeSize + 1, `the log has ${treeSize} events but ${beyond.file} holds a signed checkpoint of ${beyond.size}: ${missing} missing (truncated)`);
  }

  // 4. Which event: between the largest signed size that matches and the smallest that does not.
  const sizes = [...new Map(signed.filter((c) => c.treeSize <= treeSize).map((c) => [`${c.treeSize}/${c.rootHash}`, c])).values()];
  let firstBad: Checkpoint | null = null;
  let lastGood = 0;
  for (const cp of sizes.sort((a, b) => a.treeSize - b.treeSize)) {
    const matches = toHex(await rootAt(cp.treeSize)) === cp.rootHash;
    if (!matches && !firstBad) firstBad = cp;
    if (matches && (!firstBad || cp.treeSize < firstBad.treeSize)) lastGood = Math.max(lastGood, cp.treeSize);
  }
  if (firstBad) {
    const from = lastGood + 1;
    problem(
      from,
      from === firstBad.treeSize
        ? `event ${from} differs from what was signed (rewritten, removed, reordered or inserted)`
        : `the first event that differs from what was signed is among seq ${from}..${firstBad.treeSize}`,
    );
  }

  problems.sort((a, b) => (a.seq === null ? 1 : b.seq === null ? -1 : Number(a.seq) - Number(b.seq)));
  return {
    ok: problems.length === 0,
    treeSize,
    rootHash: toHex(dbRoot),
    checkpoints: stored.length,
    externalCheckpoints: externalCount,
    unsealed: counts?.unsealed ?? 0,
    problems,
  };
}

function hash(hex: string): Hash {
  return fromHex(hex) ?? new Uint8Array(32);
}
