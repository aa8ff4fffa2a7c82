import pg from "pg";
import { describe, expect, it } from "vitest";
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { RootCache } from "@/lib/audit/root-cache";
import { sealPending, sealRound } from "@/lib/audit/sealer";
import { auditSigningKey } from "@/lib/audit/signing";
import { verifyAuditLog } from "@/lib/audit/verify-log";
import { auditCheckpointFile } from "@/lib/config";
import { currentAppUrl, useFreshDatabase } from "../helpers/database";
import { makeUser } from "../helpers/users";

/**
 * The sealer's RootCache keeps the log's right edge (sealed leaves past the last full 1024-leaf
 * chunk) in memory between rounds. Every root it signs must still be the RFC 6962 root of the
 * whole log (audit verify recomputes each from the leaves), and a round must not read back leaves
 * it sealed itself.
 */

async function writeEvents(actorId: string, count: number): Promise<void> {
  await auditedTransaction(async (_tx, audit) => {
    await audit.many(
      Array.from({ length: count }, (_, i) => ({
        action: "token.revoked" as const,
        subjectType: "token" as const,
        subjectId: `t${i}`,
        actorId,
        data: { name: `token ${i}`, prefix: "tw_x" },
      })),
    );
  });
}

/**
 * A fresh database with a user, and a sealer connection (with its own RootCache) that counts the
 * statements reading leaf hashes back.
 */
async function freshSealer() {
  await useFreshDatabase();
  const { user } = await makeUser();
  const client = new pg.Client({ connectionString: currentAppUrl() });
  await client.connect();
  const counter = { leafReads: 0 };
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: typeof query }).query = (...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].includes(`SELECT "leafHash" FROM "AuditSeal"`)) counter.leafReads += 1;
    return query(...args);
  };
  const options = { key: auditSigningKey(), checkpointFile: auditCheckpointFile(), wait: true, roots: new RootCache() };
  return { user, client, counter, options };
}

describe("the sealer's root cache", () => {
  it("signs correct roots across chunk boundaries without reading back the leaves it sealed", async () => {
    const { user, client, counter, options } = await freshSealer();
    try {
      const reads: number[] = [];
      const sizes: number[] = [];
      // 700 (edge only), +500 (crosses 1024), +30, +1100 (crosses 2048), +1.
      for (const count of [700, 500, 30, 1100, 1]) {
        await writeEvents(user.id, count);
        const before = counter.leafReads;
        const round = await sealRound(client, options);
        reads.push(counter.leafReads - before);
        sizes.push(round!.checkpoint!.treeSize);
      }
      expect(sizes).toEqual([701, 1201, 1231, 2331, 2332]);
      // Only a full chunk is read, once, the first time a root needs it whole ([0, 1024) in the
      // third round, [1024, 2048) in the fifth), then remembered: never the right edge.
      expect(reads).toEqual([0, 0, 1, 0, 1]);
      expect(await verifyAuditLog()).toMatchObject({ ok: true, treeSize: 2332 });
    } finally {
      await client.end();
    }
  });

  it("reads the edge again when another sealer grew the log, and its next root is still right", async () => {
    const { user, client, counter, options } = await freshSealer();
    try {
      await writeEvents(user.id, 300);
      await sealRound(client, options);
      await writeEvents(user.id, 200);
      await sealPending(); // another sealer: this cache's edge now ends short of the log
      await writeEvents(user.id, 10);
      const before = counter.leafReads;
      const round = await sealRound(client, options);
      expect(round!.checkpoint!.treeSize).toBe(511);
      expect(counter.leafReads - before).toBe(1);
      expect(await verifyAuditLog()).toMatchObject({ ok: true, treeSize: 511 });
    } finally {
      await client.end();
    }
  });
});
