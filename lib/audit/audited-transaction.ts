import { db, type Tx } from "@/lib/db/client";
import { ZAuditEvent, type AuditInput } from "./events";
import { GENESIS_HASH, eventHash } from "./hash";

/** Serialises writers of the audit chain: one event sequence, no gaps, no forks. */
const AUDIT_CHAIN_LOCK = 7_401_000_001;

/** Records one event; `audit.many` records several in order (bulk imports). */
export type Audit = ((event: AuditInput) => Promise<void>) & { many: (events: AuditInput[]) => Promise<void> };

export interface AuditedTransactionOptions {
  /** ms, default 20 s: for the rare long writer, such as an import. */
  timeout?: number;
  /**
   * Take the chain lock first and hold it for the whole transaction, so that this writer runs
   * alone: for a check-then-write that no unique index backs (the first account becomes admin).
   */
  serialize?: boolean;
}

/** An event as recorded: what the service passed, and its checked action, subject type and data. */
interface Recorded {
  input: AuditInput;
  body: ReturnType<typeof ZAuditEvent.parse>;
}

async function lockChain(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
}

/**
 * Runs `fn` in one database transaction that also appends its audit events, so a change and its
 * record commit or roll back together.
 *
 * Events are checked when recorded (a bad one fails the change) and appended to the chain after
 * `fn` returns: only then is the chain lock taken, the last event read and the new ones inserted,
 * right before commit. Writers therefore do their own work side by side and queue only for that
 * last step. Lock order stays the same for everyone: row locks (taken by `fn`) first, the chain
 * lock last, and no row lock is requested while the chain lock is held, so writers cannot deadlock.
 */
export async function auditedTransaction<T>(
  fn: (tx: Tx, audit: Audit) => Promise<T>,
  { timeout = 20_000, serialize = false }: AuditedTransactionOptions = {},
): Promise<T> {
  return db().$transaction(
    async (tx) => {
      if (serialize) await lockChain(tx);
      const pending: Recorded[] = [];
      const record = (input: AuditInput) =>
        pending.push({ input, body: ZAuditEvent.parse({ action: input.action, subjectType: input.subjectType, data: input.data }) });
      const audit: Audit = Object.assign(async (input: AuditInput) => void record(input), {
        many: async (inputs: AuditInput[]) => inputs.forEach(record),
      });
      const result = await fn(tx, audit);
      if (pending.length > 0) {
        if (!serialize) await lockChain(tx);
        await appendToChain(tx, pending);
      }
      return result;
    },
    { timeout, maxWait: 10_000 },
  );
}

/** Under the chain lock: numbers and hashes the events after the last one and inserts them. */
async function appendToChain(tx: Tx, pending: Recorded[]): Promise<void> {
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  let seq = last?.seq ?? 0n;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date();
  const rows = pending.map(({ input, body }) => {
    seq += 1n;
    const event = {
      seq,
      at,
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
  });
  await tx.auditEvent.createMany({ data: rows });
}
