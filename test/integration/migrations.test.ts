import { createHash } from "node:crypto";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrate, migrationStatus, readMigrations } from "@/lib/db/migrate";
import { createTestDatabase, sql } from "../helpers/database";

const INIT = "20261122000000_init";

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A private copy of prisma/migrations that a test may edit. */
function copyMigrations(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracewell-migrations-"));
  tempDirs.push(dir);
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

function addMigration(dir: string, name: string, sqlText: string): void {
  mkdirSync(path.join(dir, name));
  writeFileSync(path.join(dir, name, "migration.sql"), sqlText);
}

async function emptyDatabase() {
  return createTestDatabase({ template: null });
}

async function tableExists(url: string, table: string): Promise<boolean> {
  const [row] = await sql<{ t: string | null }>(url, "SELECT to_regclass($1)::text AS t", [`"${table}"`]);
  return row?.t != null;
}

describe("migrate()", () => {
  it("applies the init migration to an empty database and records it as Prisma does", async () => {
    const { url } = await emptyDatabase();
    expect(await tableExists(url, "User")).toBe(false);

    expect(await migrate({ url })).toEqual([INIT]);

    expect(await tableExists(url, "User")).toBe(true);
    expect(await tableExists(url, "AuditEvent")).toBe(true);

    const columns = await sql(
      url,
      `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
         FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = '_prisma_migrations'
        ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", character_maximum_length: 36, is_nullable: "NO", column_default: null },
      { column_name: "checksum", data_type: "character varying", character_maximum_length: 64, is_nullable: "NO", column_default: null },
      { column_name: "finished_at", data_type: "timestamp with time zone", character_maximum_length: null, is_nullable: "YES", column_default: null },
      { column_name: "migration_name", data_type: "character varying", character_maximum_length: 255, is_nullable: "NO", column_default: null },
      { column_name: "logs", data_type: "text", character_maximum_length: null, is_nullable: "YES", column_default: null },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", character_maximum_length: null, is_nullable: "YES", column_default: null },
      { column_name: "started_at", data_type: "timestamp with time zone", character_maximum_length: null, is_nullable: "NO", column_default: "now()" },
      { column_name: "applied_steps_count", data_type: "integer", character_maximum_length: null, is_nullable: "NO", column_default: "0" },
    ]);
    const [pk] = await sql<{ columns: string[] }>(
      url,
      `SELECT ARRAY(SELECT a.attname::text FROM unnest(c.conkey) k JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k) AS columns
         FROM pg_constraint c WHERE c.conrelid = '"_prisma_migrations"'::regclass AND c.contype = 'p'`,
    );
    expect(pk?.columns).toEqual(["id"]);

    const rows = await sql<Record<string, unknown>>(url, `SELECT * FROM "_prisma_migrations"`);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    const fileBytes = readFileSync(path.join(MIGRATIONS_DIR, INIT, "migration.sql"));
    expect(row.migration_name).toBe(INIT);
    expect(row.checksum).toBe(createHash("sha256").update(fileBytes).digest("hex"));
    expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(row.applied_steps_count).toBe(1);
    expect(row.finished_at).toBeInstanceOf(Date);
    expect(row.rolled_back_at).toBeNull();
    expect(row.logs).toBeNull();
    expect((row.finished_at as Date).getTime()).toBeGreaterThanOrEqual((row.started_at as Date).getTime());
  });

  it("is idempotent: a second run applies nothing and writes no row", async () => {
    const { url } = await emptyDatabase();
    expect(await migrate({ url })).toEqual([INIT]);
    const lines: string[] = [];
    expect(await migrate({ url, log: (line) => lines.push(line) })).toEqual([]);
    expect(lines).toEqual([]);
    expect(await sql(url, `SELECT migration_name FROM "_prisma_migrations"`)).toEqual([{ migration_name: INIT }]);
  });

  it("applies each migration exactly once when two appliers race on a fresh database", async () => {
    const { url } = await emptyDatabase();
    const dir = copyMigrations();
    addMigration(dir, "20261201000000_second", `CREATE TABLE "RaceMarker" (id int PRIMARY KEY);`);

    const results = await Promise.all([migrate({ url, dir }), migrate({ url, dir }), migrate({ url, dir })]);

    expect(results.flat().sort()).toEqual([INIT, "20261201000000_second"]);
    // The lock is held across all pending migrations, so one applier does all the work.
    expect(results.filter((applied) => applied.length > 0)).toHaveLength(1);
    const rows = await sql<{ migration_name: string; n: number }>(
      url,
      `SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY migration_name ORDER BY migration_name`,
    );
    expect(rows).toEqual([
      { migration_name: INIT, n: 1 },
      { migration_name: "20261201000000_second", n: 1 },
    ]);
  });

  it("refuses to run when an applied migration's file has changed, naming it", async () => {
    const { url } = await emptyDatabase();
    const dir = copyMigrations();
    await migrate({ url, dir });

    appendFileSync(path.join(dir, INIT, "migration.sql"), "\n-- an innocent-looking edit\n");
    addMigration(dir, "20261201000000_next", `CREATE TABLE "NeverApplied" (id int);`);

    await expect(migrate({ url, dir })).rejects.toThrow(new RegExp(`${INIT} was changed after it was applied`));
    // Nothing after the refusal ran.
    expect(await tableExists(url, "NeverApplied")).toBe(false);
    expect(await sql(url, `SELECT migration_name FROM "_prisma_migrations"`)).toEqual([{ migration_name: INIT }]);
  });

  it("accepts the same file checked out with CRLF line endings, as Prisma does", async () => {
    const { url } = await emptyDatabase();
    const dir = copyMigrations();
    await migrate({ url, dir });
    const file = path.join(dir, INIT, "migration.sql");
    writeFileSync(file, readFileSync(file, "utf8").replace(/\r?\n/g, "\r\n"));
    expect((await migrationStatus(url, dir)).modified).toEqual([]);
    expect(await migrate({ url, dir })).toEqual([]);
  });

  it("rolls a failing migration back completely: no partial table, no bookkeeping row", async () => {
    const { url } = await emptyDatabase();
    const dir = copyMigrations();
    addMigration(
      dir,
      "20261201000000_broken",
      `CREATE TABLE "Partial" (id int PRIMARY KEY);
INSERT INTO "Partial" VALUES (1);
ALTER TABLE "User" ADD COLUMN "halfway" text;
SELECT * FROM "no_such_table";`,
    );
    addMigration(dir, "20261202000000_after", `CREATE TABLE "After" (id int);`);

    await expect(migrate({ url, dir })).rejects.toThrow(/Migration 20261201000000_broken failed and was rolled back: .*no_such_table/);

    // The migration before it committed on its own; the broken one left no trace; the next never ran.
    expect(await tableExists(url, "User")).toBe(true);
    expect(await tableExists(url, "Partial")).toBe(false);
    expect(await tableExists(url, "After")).toBe(false);
    const halfway = await sql(url, `SELECT 1 FROM information_schema.columns WHERE table_name = 'User' AND column_name = 'halfway'`);
    expect(halfway).toEqual([]);
    expect(await sql(url, `SELECT migration_name FROM "_prisma_migrations"`)).toEqual([{ migration_name: INIT }]);

    const status = await migrationStatus(url, dir);
    expect(status.pending).toEqual(["20261201000000_broken", "20261202000000_after"]);
    expect(status.failed).toEqual([]);

    // Fixing the file lets the next run continue where it stopped.
    writeFileSync(path.join(dir, "20261201000000_broken", "migration.sql"), `CREATE TABLE "Partial" (id int PRIMARY KEY);`);
    expect(await migrate({ url, dir })).toEqual(["20261201000000_broken", "20261202000000_after"]);
  });

  it("refuses a database with a started-but-unfinished migration (as Prisma's own applier can leave)", async () => {
    const { url } = await emptyDatabase();
    const dir = copyMigrations();
    await migrate({ url, dir });
    addMigration(dir, "20261201000000_next", `CREATE TABLE "Next" (id int);`);
    await sql(
      url,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES (gen_random_uuid()::text, $1, '20261201000000_next', now(), 0)`,
      [readMigrations(dir)[1]!.checksum],
    );
    expect((await migrationStatus(url, dir)).failed).toEqual(["20261201000000_next"]);
    await expect(migrate({ url, dir })).rejects.toThrow(/20261201000000_next was started but never finished/);
    expect(await tableExists(url, "Next")).toBe(false);
  });
});

describe("migrationStatus()", () => {
  it("reports pending, applied, modified and unknown migrations", async () => {
    const { url } = await emptyDatabase();
    const dir = copyMigrations();

    let status = await migrationStatus(url, dir);
    expect(status).toEqual({ applied: [], pending: [INIT], modified: [], unknown: [], failed: [] });
    // Reading the status creates nothing.
    expect(await tableExists(url, "_prisma_migrations")).toBe(false);

    await migrate({ url, dir });
    addMigration(dir, "20261201000000_next", `CREATE TABLE "Next" (id int);`);
    status = await migrationStatus(url, dir);
    expect(status.applied.map((m) => m.name)).toEqual([INIT]);
    expect(status.applied[0]!.checksum).toBe(readMigrations(dir)[0]!.checksum);
    expect(status.applied[0]!.finishedAt).toBeInstanceOf(Date);
    expect(status.pending).toEqual(["20261201000000_next"]);
    expect(status.modified).toEqual([]);

    appendFileSync(path.join(dir, INIT, "migration.sql"), "-- edited\n");
    status = await migrationStatus(url, dir);
    expect(status.modified).toEqual([INIT]);
    expect(status.pending).toEqual(["20261201000000_next"]);

    await sql(
      url,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES (gen_random_uuid()::text, repeat('a', 64), '20991231000000_from_the_future', now(), now(), 1)`,
    );
    status = await migrationStatus(url, dir);
    expect(status.unknown).toEqual(["20991231000000_from_the_future"]);
  });

  it("treats a rolled-back row as not applied", async () => {
    const { url } = await emptyDatabase();
    await migrate({ url });
    await sql(url, `UPDATE "_prisma_migrations" SET rolled_back_at = now()`);
    const status = await migrationStatus(url);
    expect(status.applied).toEqual([]);
    expect(status.pending).toEqual([INIT]);
  });

  it("matches the migrations folder of the repository", () => {
    const files = readMigrations();
    expect(files.map((f) => f.name)).toEqual([INIT]);
    expect(files[0]!.checksum).toBe(createHash("sha256").update(readFileSync(path.join(MIGRATIONS_DIR, INIT, "migration.sql"))).digest("hex"));
    expect(readMigrations(path.join(os.tmpdir(), "no-such-migrations-dir"))).toEqual([]);
  });
});
