import { db, type Tx } from "@/lib/db/client";
import { ZAuditEvent, type AuditInput } from "./events";
import { GENESIS_HASH, eventHash } from "./hash";

/** Serialises writers of the audit chain: one event sequence, no gaps, no forks. */
const AUDIT_CHAIN_LOCK = 7_401_000_001;

export type Audit = (event: AuditInput) => Promise<void>;

/**
 * Runs `fn` in one database transaction that also appends its audit events, so a change and its
 * record commit or roll back together. The chain lock is taken first, before any row lock, so
 * writers always lock in the same order and cannot deadlock.
 */
export async function auditedTransaction<T>(fn: (tx: Tx, audit: Audit) => Promise<T>): Promise<T> {
  return db().$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
      const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
      let seq = last?.seq ?? 0n;
      let prevHash = last?.hash ?? GENESIS_HASH;

      const audit: Audit = async (input) => {
        const body = ZAuditEvent.parse({ action: input.action, subjectType: input.subjectType, data: input.data });
        seq += 1n;
        const event = {
          seq,
          at: new Date(),
          actorId: input.actorId,
          action: body.action,
          subjectType: body.subjectType,
          subjectId: input.subjectId,
          projectId: input.projectId ?? null,
          data: body.data,
        };
        const hash = eventHash(prevHash, event);
        await tx.auditEvent.create({ data: { ...event, prevHash, hash } });
        prevHash = hash;
      };
      return fn(tx, audit);
    },
    { timeout: 20_000, maxWait: 10_000 },
  );
}
