import { z } from "zod";
import { AppError } from "@/lib/errors";
import { EVENT_COLUMNS, logEvent, type EventRow, type LogEvent } from "./log-event";
import { leafReader, prismaQuery, treeSizeOf } from "./log-store";
import { consistencyProof, inclusionProof, lazySubtreeRoots, toHex, treeRoot, type SubtreeRootFn } from "./merkle";
import type { Checkpoint } from "./signing";

/**
 * What the audit API serves: checkpoints, sealed events, RFC 6962 proofs (hex), and a project's
 * history. The log routes are for instance admins (audit.read in lib/auth/policies.ts); a project's
 * history for its members.
 */

const ZSeq = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const ZSize = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const ZAuditEventsQuery = z.object({ from: ZSeq.default(1), limit: z.coerce.number().int().min(1).max(1000).default(100) });
export const ZInclusionQuery = z.object({ seq: ZSeq, treeSize: ZSeq });
export const ZConsistencyQuery = z.object({ from: ZSize, to: ZSize });

export interface SealedEvent {
  seq: number;
  leafHash: string;
  event: LogEvent;
}

/**
 * Subtree roots remembered per database for the life of the process: sealed leaves never change,
 * so proofs against a growing log reuse the work (see lazySubtreeRoots).
 */
const cache = globalThis as unknown as { tracewellAuditRoots?: Map<string, SubtreeRootFn> };
function roots(): SubtreeRootFn {
  cache.tracewellAuditRoots ??= new Map();
  const key = process.env.DATABASE_URL ?? "";
  let fn = cache.tracewellAuditRoots.get(key);
  if (!fn) cache.tracewellAuditRoots.set(key, (fn = lazySubtreeRoots(leafReader(prismaQuery))));
  return fn;
}

export async function latestCheckpoint(): Promise<Checkpoint> {
  const [row] = await prismaQuery<{ treeSize: string; rootHash: string; timestamp: string; signature: string; publicKey: string }>(
    `SELECT "treeSize"::text AS "treeSize", "rootHash", "timestamp", "signature", "publicKey" FROM "AuditCheckpoint" ORDER BY "AuditCheckpoint"."treeSize" DESC LIMIT 1`,
  );
  if (!row) throw new AppError("not_found", "No checkpoint yet: no audit event has been sealed");
  return { ...row, treeSize: Number(row.treeSize) };
}

async function sealedRows(where: string, params: unknown[], limit: number): Promise<SealedEvent[]> {
  const rows = await prismaQuery<{ pos: string; leafHash: string } & EventRow>(
    `SELECT s."seq"::text AS pos, s."leafHash", ${EVENT_COLUMNS} FROM "AuditSeal" s JOIN "AuditEvent" e ON e."seq" = s."eventSeq"
      WHERE ${where} ORDER BY s."seq" LIMIT ${limit}`,
    params,
  );
  return rows.map((row) => ({ seq: Number(row.pos), leafHash: row.leafHash, event: logEvent(row) }));
}

export async function listSealedEvents(query: unknown): Promise<{ events: SealedEvent[] }> {
  const { from, limit } = ZAuditEventsQuery.parse(query);
  return { events: await sealedRows(`s."seq" >= $1::bigint`, [String(from)], limit) };
}

/** A project's sealed history, oldest first; events not yet sealed appear once sealed. */
export async function listProjectHistory(projectId: string, query: unknown): Promise<{ events: SealedEvent[] }> {
  const { from, limit } = ZAuditEventsQuery.parse(query);
  return { events: await sealedRows(`e."projectId" = $1 AND s."seq" >= $2::bigint`, [projectId, String(from)], limit) };
}

async function checkTreeSize(treeSize: number): Promise<void> {
  const size = await treeSizeOf(prismaQuery);
  if (treeSize > size) throw new AppError("invalid_input", `The log has ${size} sealed events, not ${treeSize}`, { treeSize: size });
}

export async function inclusion(query: unknown) {
  const { seq, treeSize } = ZInclusionQuery.parse(query);
  if (seq > treeSize) throw new AppError("invalid_input", `seq ${seq} is not in a tree of ${treeSize} events`);
  await checkTreeSize(treeSize);
  const [leaf] = await leafReader(prismaQuery)(seq - 1, seq);
  return {
    seq,
    leafIndex: seq - 1,
    treeSize,
    leafHash: toHex(leaf!),
    rootHash: toHex(await treeRoot(treeSize, roots())),
    auditPath: (await inclusionProof(seq - 1, treeSize, roots())).map(toHex),
  };
}

export async function consistency(query: unknown) {
  const { from, to } = ZConsistencyQuery.parse(query);
  if (from > to) throw new AppError("invalid_input", `A tree of ${from} events cannot precede one of ${to}`);
  await checkTreeSize(to);
  return {
    from,
    to,
    fromRoot: toHex(await treeRoot(from, roots())),
    toRoot: toHex(await treeRoot(to, roots())),
    proof: (await consistencyProof(from, to, roots())).map(toHex),
  };
}
