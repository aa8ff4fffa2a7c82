import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { describe, expect, it } from "vitest";
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { EVENT_COLUMNS, eventLeafHex, type EventRow } from "@/lib/audit/log-event";
import { fromHex, rootOf, toHex } from "@/lib/audit/merkle";
import { sealPending } from "@/lib/audit/sealer";
import { verifyAuditLog } from "@/lib/audit/verify-log";
import { auditCheckpointFile, dataDir } from "@/lib/config";
import { currentDatabaseUrl, useFreshDatabase, withClient } from "../helpers/database";
import { makeUser } from "../helpers/users";

/** One event per transaction, sealed at once: one signed checkpoint per event, so verify can name it. */
async function seedLog(count = 6) {
  await useFreshDatabase();
  const { user } = await makeUser();
  await sealPending();
  for (let i = 1; i <= count; i++) {
    await auditedTransaction(async (tx, audit) => {
      const project = await tx.project.create({ data: { name: `Evidence ${i}` } });
      await audit({ action: "project.created", subjectType: "project", subjectId: project.id, projectId: project.id, actorId: user.id, data: { name: `Evidence ${i}`, description: "" } });
    });
    await sealPending();
  }
  const report = await verifyAuditLog();
  expect(report).toMatchObject({ ok: true, problems: [] });
  return report.treeSize;
}

/**
 * A database superuser's attack: runs `statements` with the append-only triggers off, then makes
 * the database self-consistent again — every leaf recomputed from the (forged) events, every stored
 * checkpoint re-rooted over the forged leaves, checkpoints past the new end dropped. Only the
 * signatures cannot be redone: the key is not in the database.
 */
async function superuserForges(statements: string[]): Promise<void> {
  await withClient(currentDatabaseUrl(), async (client: pg.Client) => {
    await client.query("BEGIN");
    for (const t of ["AuditEvent", "AuditSeal", "AuditCheckpoint"]) await client.query(`ALTER TABLE "${t}" DISABLE TRIGGER USER`);
    for (const statement of statements) await client.query(statement);
    const { rows } = await client.query<{ pos: string } & EventRow>(
      `SELECT s."seq"::text AS pos, ${EVENT_COLUMNS} FROM "AuditSeal" s JOIN "AuditEvent" e ON e."seq" = s."eventSeq" ORDER BY s."seq"`,
    );
    const leaves = rows.map((row) => eventLeafHex(row));
    for (const [i, row] of rows.entries()) await client.query(`UPDATE "AuditSeal" SET "leafHash" = $1 WHERE "seq" = $2::bigint`, [leaves[i], row.pos]);
    await client.query(`DELETE FROM "AuditCheckpoint" WHERE "treeSize" > $1`, [leaves.length]);
    const { rows: checkpoints } = await client.query<{ n: string }>(`SELECT "treeSize"::text AS n FROM "AuditCheckpoint"`);
    for (const { n } of checkpoints) {
      const root = toHex(rootOf(leaves.slice(0, Number(n)).map((h) => fromHex(h)!)));
      await client.query(`UPDATE "AuditCheckpoint" SET "rootHash" = $1 WHERE "treeSize" = $2::bigint`, [root, n]);
    }
    for (const t of ["AuditEvent", "AuditSeal", "AuditCheckpoint"]) await client.query(`ALTER TABLE "${t}" ENABLE TRIGGER USER`);
    await client.query("COMMIT");
  });
}

/** The event sealed at position `seq`, as SQL. */
const eventAt = (seq: number) => `(SELECT "eventSeq" FROM "AuditSeal" WHERE "seq" = ${seq})`;

async function firstProblem() {
  const report = await verifyAuditLog();
  expect(report.ok).toBe(false);
  return report.problems[0]!;
}

describe("audit verify against a database superuser who recomputed every hash", () => {
  it("names a rewritten event", async () => {
    await seedLog();
    await superuserForges([`UPDATE "AuditEvent" SET data = jsonb_set(data, '{name}', '"Forged"') WHERE "seq" = ${eventAt(4)}`]);
    expect(await firstProblem()).toEqual({ seq: "4", reason: expect.stringMatching(/invalid signature|differs from what was signed/) });
    const { problems } = await verifyAuditLog();
    // The forgery is self-consistent inside the database: only the signatures and the file give it away.
    expect(problems.some((p) => /leaf hash|root of the first/.test(p.reason))).toBe(false);
    expect(problems.map((p) => p.reason)).toContainEqual("event 4 differs from what was signed (rewritten, removed, reordered or inserted)");
  });

  it("names where an event was removed", async () => {
    const size = await seedLog();
    await superuserForges([
      `DELETE FROM "AuditSeal" WHERE "seq" = 3`,
      `UPDATE "AuditSeal" SET "seq" = -"seq" WHERE "seq" > 3`,
      `UPDATE "AuditSeal" SET "seq" = -"seq" - 1 WHERE "seq" < 0`,
    ]);
    const report = await verifyAuditLog();
    expect(report.treeSize).toBe(size - 1);
    expect(report.problems[0]).toMatchObject({ seq: "3" });
    expect(report.problems.map((p) => p.reason)).toContainEqual(expect.stringMatching(/truncated/));
  });

  it("names reordered events", async () => {
    await seedLog();
    await superuserForges([
      // Foreign keys are triggers too; a superuser can switch them off for the session.
      `SET LOCAL session_replication_role = replica`,
      `UPDATE "AuditSeal" SET "eventSeq" = -"eventSeq" WHERE "seq" IN (5, 6)`,
      `UPDATE "AuditSeal" s SET "eventSeq" = (SELECT -o."eventSeq" FROM "AuditSeal" o WHERE o."seq" = 11 - s."seq") WHERE "seq" IN (5, 6)`,
      `SET LOCAL session_replication_role = origin`,
    ]);
    expect(await firstProblem()).toMatchObject({ seq: "5" });
  });

  it("names an inserted event", async () => {
    const size = await seedLog();
    await superuserForges([
      `INSERT INTO "AuditEvent" ("at", "action", "subjectType", "subjectId", "data", "xid")
         SELECT "at", 'project.created', 'project', 'forged', '{"name":"Inserted","description":""}', 0 FROM "AuditEvent" WHERE "seq" = ${eventAt(2)}`,
      `UPDATE "AuditSeal" SET "seq" = -"seq" WHERE "seq" >= 3`,
      `UPDATE "AuditSeal" SET "seq" = -"seq" + 1 WHERE "seq" < 0`,
      `INSERT INTO "AuditSeal" ("seq", "eventSeq", "leafHash") SELECT 3, max("seq"), '' FROM "AuditEvent"`,
    ]);
    const report = await verifyAuditLog();
    expect(report.treeSize).toBe(size + 1);
    expect(report.problems[0]).toMatchObject({ seq: "3" });
  });

  it("names the first missing event of a truncated log, from a checkpoint saved elsewhere", async () => {
    const size = await seedLog();
    const saved = path.join(dataDir(), `saved-checkpoints-${Date.now()}.jsonl`);
    copyFileSync(auditCheckpointFile(), saved);
    await superuserForges([`DELETE FROM "AuditSeal" WHERE "seq" > 5`, `DELETE FROM "AuditCheckpoint" WHERE "treeSize" > 5`]);
    // Everything left in the database is consistent and correctly signed…
    rmSync(auditCheckpointFile());
    const inside = await verifyAuditLog();
    expect(inside).toMatchObject({ ok: true, treeSize: 5 });
    // …but the checkpoint saved elsewhere proves events 6.. existed.
    const report = await verifyAuditLog({ checkpointFiles: [saved] });
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toEqual({ seq: "6", reason: expect.stringMatching(new RegExp(`events 6\\.\\.${size} are missing \\(truncated\\)`)) });
  });
});

describe("audit verify against cruder edits", () => {
  it("names an event changed without touching its leaf", async () => {
    await seedLog(3);
    await withClient(currentDatabaseUrl(), async (client) => {
      await client.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
      await client.query(`UPDATE "AuditEvent" SET "actorId" = NULL WHERE "seq" = ${eventAt(2)}`);
      await client.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
    });
    expect(await firstProblem()).toEqual({ seq: "2", reason: "the event at seq 2 does not match its leaf hash (it was altered)" });
  });

  it("names a gap in the seqs", async () => {
    await seedLog(3);
    await withClient(currentDatabaseUrl(), async (client) => {
      await client.query(`ALTER TABLE "AuditSeal" DISABLE TRIGGER USER`);
      await client.query(`DELETE FROM "AuditSeal" WHERE "seq" = 2`);
      await client.query(`ALTER TABLE "AuditSeal" ENABLE TRIGGER USER`);
    });
    expect(await firstProblem()).toMatchObject({ seq: "2" });
  });

  it("trusts the key file, not a key an attacker stored with re-signed checkpoints", async () => {
    await seedLog(2);
    const { generateKeyPairSync } = await import("node:crypto");
    const { privateKey } = generateKeyPairSync("ed25519");
    const other = await verifyAuditLog({ publicKey: (await import("node:crypto")).createPublicKey(privateKey) });
    expect(other.ok).toBe(false);
    expect(other.problems.map((p) => p.reason)).toContainEqual(expect.stringMatching(/invalid signature/));
  });
});

describe("tracewell audit verify", { timeout: 120_000 }, () => {
  it("exits 0 on an intact log, 1 naming the event after a forgery, and honours --public-key and --checkpoint", async () => {
    const { cli } = await import("../helpers/cli");
    const { writeFileSync } = await import("node:fs");
    const { generateKeyPairSync } = await import("node:crypto");
    const { rawPublicKey, trustedPublicKey } = await import("@/lib/audit/signing");
    await seedLog(4);
    const ok = await cli(["audit", "verify"]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/Audit log intact: 5 sealed events/);

    const right = path.join(dataDir(), "right.pub");
    const wrong = path.join(dataDir(), "wrong.pub");
    writeFileSync(right, rawPublicKey(trustedPublicKey()));
    writeFileSync(wrong, rawPublicKey(generateKeyPairSync("ed25519").publicKey));
    expect((await cli(["audit", "verify", "--public-key", right])).code).toBe(0);
    const untrusted = await cli(["audit", "verify", "--public-key", wrong]);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stdout).toMatch(/invalid signature/);

    const saved = path.join(dataDir(), `cli-saved-${Date.now()}.jsonl`);
    copyFileSync(auditCheckpointFile(), saved);
    await superuserForges([`UPDATE "AuditEvent" SET data = jsonb_set(data, '{name}', '"Forged"') WHERE "seq" = ${eventAt(3)}`]);
    rmSync(auditCheckpointFile());
    const broken = await cli(["audit", "verify", "--checkpoint", saved]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^Audit log BROKEN at seq 3: /m);
  });
});
