import { db, type Tx } from "@/lib/db/client";
import { ZAuditEvent, type AuditInput } from "./events";
import { nudgeSealer } from "./seal-nudge";

/**
 * Taken only by `serialize: true` writers, for a check-then-write that no unique index backs.
 * Ordinary writers take no lock at all: the sealer (lib/audit/sealer.ts) orders events later.
 */
const SERIALIZE_LOCK = 7_401_000_001;

/**
 * Records one event; `audit.many` records several in order (bulk imports); `audit.wrote` counts an
 * event a writer inserted itself in this transaction (the hot create path), so that the commit
 * still nudges the sealer.
 */
export type Audit = ((event: AuditInput) => Promise<void>) & { many: (events: AuditInput[]) => Promise<void>; wrote: () => void };

export interface AuditedTransactionOptions {
  /** ms, default 20 s: for the rare long writer, such as an import. */
  timeout?: number;
  /**
   * Take an advisory lock first and hold it for the whole transaction, so that this writer runs
   * alone among serialised writers: for a check-then-write that no unique index backs (the first
   * account becomes admin).
   */
  serialize?: boolean;
}

/** An event as recorded: what the service passed, and its checked action, subject type and data. */
interface Recorded {
  input: AuditInput;
  body: ReturnType<typeof ZAuditEvent.parse>;
}

async function lockSerialized(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SERIALIZE_LOCK})`);
}

/**
 * Runs `fn` in one database transaction that also appends its audit events, so a change and its
 * record commit or roll back together.
 *
 * Events are checked when recorded (a bad one fails the change) and inserted after `fn` returns,
 * in recording order, with this transaction's id (the column default pg_current_xact_id()) and
 * no log position: writers never wait for each other. The sealer later gives committed events
 * their gapless seq in the Merkle log, in (xid, insertion) order.
 */
export async function auditedTransaction<T>(
  fn: (tx: Tx, audit: Audit) => Promise<T>,
  { timeout = 20_000, serialize = false }: AuditedTransactionOptions = {},
): Promise<T> {
  let recorded = 0;
  let written = 0;
  const result = await db().$transaction(
    async (tx) => {
      if (serialize) await lockSerialized(tx);
      const pending: Recorded[] = [];
      const record = (input: AuditInput) =>
        pending.push({ input, body: ZAuditEvent.parse({ action: input.action, subjectType: input.subjectType, data: input.data }) });
      const audit: Audit = Object.assign(async (input: AuditInput) => void record(input), {
        many: async (inputs: AuditInput[]) => inputs.forEach(record),
        wrote: () => void written++,
      });
      const result = await fn(tx, audit);
      if (pending.length > 0) await insertEvents(tx, pending);
      recorded = pending.length;
      return result;
    },
    { timeout, maxWait: 10_000 },
  );
  // After commit: live updates follow the sealed log, so have the new events sealed now.
  if (recorded + written > 0) nudgeSealer();
  return result;
}

/** One multi-row INSERT; the sequence numbers the rows in array order. */
async function insertEvents(tx: Tx, pending: Recorded[]): Promise<void> {
  const at = new Date();
  await tx.auditEvent.createMany({
    data: pending.map(({ input, body }) => ({
      at,
      actorId: input.actorId,
      action: body.action,
      subjectType: body.subjectType,
      subjectId: input.subjectId,
      projectId: input.projectId ?? null,
      data: body.data,
    })),
  });
}
