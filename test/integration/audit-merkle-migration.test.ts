import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { sealPending } from "@/lib/audit/sealer";
import { verifyAuditLog } from "@/lib/audit/verify-log";
import { MIGRATIONS_DIR, migrate } from "@/lib/db/migrate";
import { createTestDatabase, sql } from "../helpers/database";

const MIGRATION = "20261203110000_audit_merkle";

let scratch: string | undefined;
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function migrationsBefore(name: string): string {
  scratch = mkdtempSync(path.join(os.tmpdir(), "tracewell-audit-merkle-"));
  for (const entry of readdirSync(MIGRATIONS_DIR)) {
    if (entry.localeCompare(name) < 0 || entry === "migration_lock.toml") cpSync(path.join(MIGRATIONS_DIR, entry), path.join(scratch, entry), { recursive: true });
  }
  return scratch;
}

it("keeps the old hash-chained events and seals them first, in their existing seq order", async () => {
  const { url } = await createTestDatabase({ template: null });
  await migrate({ url, dir: migrationsBefore(MIGRATION) });
  // Inserted out of order on purpose: their seq, not their physical order, decides their place.
  for (const seq of [2, 1, 3]) {
    await sql(
      url,
      `INSERT INTO "AuditEvent" ("seq", "at", "action", "subjectType", "subjectId", "data", "prevHash", "hash")
       VALUES ($1, now(), 'project.created', 'project', $2, '{"name":"Old","description":""}', $3, $4)`,
      [seq, `p${seq}`, String(seq - 1).padStart(64, "0"), String(seq).padStart(64, "0")],
    );
  }
  expect(await migrate({ url })).toContain(MIGRATION);
  // New events: no seq, no chain given; the sequence continues after the old ones.
  await sql(url, `INSERT INTO "AuditEvent" ("at", "action", "subjectType", "subjectId", "data") VALUES (now(), 'project.created', 'project', 'p4', '{}')`);
  const [fresh] = await sql<{ seq: string; xid: string; hash: string | null }>(url, `SELECT seq::text, xid::text, hash FROM "AuditEvent" WHERE "subjectId" = 'p4'`);
  expect(fresh).toMatchObject({ seq: "4", hash: null });
  expect(Number(fresh!.xid)).toBeGreaterThan(0);

  expect((await sealPending({ url })).sealed).toBe(4);
  const seals = await sql<{ seq: string; eventSeq: string }>(url, `SELECT seq::text, "eventSeq"::text FROM "AuditSeal" ORDER BY seq`);
  expect(seals).toEqual(["1", "2", "3", "4"].map((s) => ({ seq: s, eventSeq: s })));
  const old = await sql<{ hash: string }>(url, `SELECT hash FROM "AuditEvent" WHERE seq = 2`);
  expect(old[0]!.hash).toBe("2".padStart(64, "0"));
  expect(await verifyAuditLog({ url })).toMatchObject({ ok: true, treeSize: 4 });
});
