import { db } from "@/lib/db/client";
import { GENESIS_HASH, eventHash } from "./hash";

export interface ChainReport {
  ok: boolean;
  events: number;
  /** The first event that does not follow from the one before it. */
  broken?: { seq: string; reason: string };
  lastHash: string;
}

/** Recomputes the whole chain in seq order, a page at a time, and names the first broken link. */
export async function verifyAuditChain({ pageSize = 1000 }: { pageSize?: number } = {}): Promise<ChainReport> {
  let expectedSeq = 1n;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (;;) {
    const page = await db().auditEvent.findMany({
      where: { seq: { gte: expectedSeq } },
      orderBy: { seq: "asc" },
      take: pageSize,
    });
    for (const event of page) {
      const fail = (reason: string): ChainReport => ({
        ok: false,
        events: count,
        broken: { seq: event.seq.toString(), reason },
        lastHash: prevHash,
      });
      if (event.seq !== expectedSeq) return fail(`event ${expectedSeq} is missing (next is ${event.seq})`);
      if (event.prevHash !== prevHash) return fail("prevHash does not match the hash of the event before");
      if (eventHash(prevHash, event) !== event.hash) return fail("content does not match its hash (the row was altered)");
      prevHash = event.hash;
      expectedSeq += 1n;
      count += 1;
    }
    if (page.length < pageSize) return { ok: true, events: count, lastHash: prevHash };
  }
}
