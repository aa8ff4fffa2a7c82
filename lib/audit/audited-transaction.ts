import { db, type Tx } from "@/lib/db/client";
import { ZAuditEvent, type AuditInput } from "./events";
import { GENESIS_HASH, eventHash } from "./hash";

/** Serialises writers of the audit chain: one event sequence, no gaps, no forks. */
const AUDIT_CHAIN_LOCK = 7_401_000_001;

/** Appends one event; `audit.many` appends several in order with one insert (bulk imports). */
export type Audit = ((event: AuditInput) => Promise<void>) & { many: (events: AuditInput[]) => Promise<void> };

/**
 * Runs `fn` in one database transaction that also appends its audit events, so a change and its
 * record commit or roll back together. The chain lock is taken first, before any row lock, so
 * writers always lock in the same order and cannot deadlock. `timeout` (ms, default 20 s) is for
 * the rare long writer, such as an import; every other writer waits for the chain lock meanwhile.
 */
export async function auditedTransaction<T>(fn: (tx: Tx, audit: Audit) => Promise<T>, { timeout = 20_000 }: { timeout?: number } = {}): Promise<T> {
  return db().$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
      const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
      let seq = last?.seq ?? 0n;
      let prevHash = last?.hash ?? GENESIS_HASH;

      const chain = (input: AuditInput) => {
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
        const row = { ...event, prevHash, hash };
        prevHash = hash;
        return row;
      };
      const audit: Audit = Object.assign(
        async (input: AuditInput) => {
          await tx.auditEvent.create({ data: chain(input) });
        },
        {
          many: async (inputs: AuditInput[]) => {
            if (inputs.length) await tx.auditEvent.createMany({ data: inputs.map(chain) });
          },
        },
      );
      return fn(tx, audit);
    },
    { timeout, maxWait: 10_000 },
  );
}
