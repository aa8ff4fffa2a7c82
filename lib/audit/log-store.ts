import type pg from "pg";
import { db } from "@/lib/db/client";
import { fromHex, type Hash } from "./merkle";

/** A SQL runner: a dedicated pg client (sealer, verify) or Prisma's pool (API routes). */
export type Query = <R>(sql: string, params?: unknown[]) => Promise<R[]>;

export function pgQuery(client: pg.Client): Query {
  return async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[];
}

export const prismaQuery: Query = <R>(sql: string, params: unknown[] = []) => db().$queryRawUnsafe<R[]>(sql, ...params);

/** Leaf hashes of log positions [start, end) (0-based; seq = index + 1). */
export function leafReader(query: Query) {
  return async (start: number, end: number): Promise<Hash[]> => {
    const rows = await query<{ leafHash: string }>(
      `SELECT "leafHash" FROM "AuditSeal" WHERE "seq" > $1::bigint AND "seq" <= $2::bigint ORDER BY "seq"`,
      [String(start), String(end)],
    );
    return rows.map((r) => fromHex(r.leafHash) ?? new Uint8Array(0));
  };
}

export async function treeSizeOf(query: Query): Promise<number> {
  const [row] = await query<{ n: string | null }>(`SELECT max("seq")::text AS n FROM "AuditSeal"`);
  return Number(row?.n ?? 0);
}

/**
 * Unsealed events are all at or after the xid of the last sealed event: the sealer seals in
 * (xid, seq) order and only once every older transaction has ended, so nothing older can appear.
 * This bound keeps both the sealer's and the health check's queries on a short index range.
 */
export const LAST_SEALED_XID = `COALESCE((SELECT e2."xid" FROM "AuditSeal" s2 JOIN "AuditEvent" e2 ON e2."seq" = s2."eventSeq" ORDER BY s2."seq" DESC LIMIT 1), 0)`;

export interface SealLag {
  unsealed: number;
  /** ms since the oldest unsealed event was written; 0 when none is waiting. */
  lagMs: number;
}

export async function sealLag(query: Query = prismaQuery): Promise<SealLag> {
  const [row] = await query<{ unsealed: number; oldest: Date | null }>(
    `SELECT count(*)::int AS unsealed, min(e."at" AT TIME ZONE 'UTC') AS oldest FROM "AuditEvent" e
      WHERE e."xid" >= ${LAST_SEALED_XID}
        AND NOT EXISTS (SELECT 1 FROM "AuditSeal" s WHERE s."eventSeq" = e."seq")`,
  );
  const oldest = row?.oldest ? new Date(row.oldest).getTime() : null;
  return { unsealed: row?.unsealed ?? 0, lagMs: oldest === null ? 0 : Math.max(0, Date.now() - oldest) };
}
