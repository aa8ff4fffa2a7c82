import { createHash } from "node:crypto";
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrate, migrationStatus, readMigrations } from "@/lib/db/migrate";
import { createTestDatabase, sql } from "../helpers/database";

/** The first migration, where a test means that one specifically. */
const INIT = "20261122000000_init";
/** Every migration in the repository, oldest first, where a test means "all of them". */
const ALL = readMigrations().map((m) => m.name);
/** The newest migration in the repository. */
const LAST = ALL[ALL.length - 1]!;

/**
 * Scratch migrations that tests add to a private copy of the folder. Dated far ahead so they sort
 * after every real migration, whenever one is added.
 */
const SECOND = "20980101000000_second";
const NEXT = "20980101000000_next";
const BROKEN = "20980101000000_broken";
const AFTER = "20980102000000_after";

function sha256File(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

function migrationFile(name: string, dir = MIGRATIONS_DIR): string {
  return path.join(dir, name, "migration.sql");
}

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

async function appliedNames(url: string): Promise<string[]> {
  const rows = await sql<{ migration_name: string }>(url, `SELECT migration_name FROM "_prisma_migrations" ORDER BY started_at, migration_name`);
  return rows.map((row) => row.migration_name);
}

async function tableExists(url: string, table: string): Promise<boolean> {
  const [row] = await sql<{ t: string | null }>(url, "SELECT to_regclass($1)::text AS t", [`"${table}"`]);
  return row?.t != null;
}

describe("migrate()", () => {
  it("applies every migration, in order, to an empty database and records each as Prisma does", async () => {
    const { url } = await emptyDatabase();
    expect(await tableExists(url, "User")).toBe(false);

    expect(await migrate({ url })).toEqual(ALL);

    expect(await tableExists(url, "User")).toBe(true);
    expect(await tableExists(url, "AuditEvent")).toBe(true);
    expect(await tableExists(url, "DocumentOriginal")).toBe(true);

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

    const rows = await sql<Record<string, unknown>>(url, `SELECT * FROM "_prisma_migrations" ORDER BY started_at, migration_name`);
    // One row per migration, applied one after the other in the folder's order.
    expect(rows.map((row) => row.migration_name)).toEqual(ALL);
    expect(new Set(rows.map((row) => row.id)).size).toBe(ALL.length);
    let previousFinish = 0;
    for (const row of rows) {
      const name = row.migration_name as string;
      expect(row.checksum, name).toBe(sha256File(migrationFile(name)));
      expect(row.id, name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(row.applied_steps_count, name).toBe(1);
      expect(row.finished_at, name).toBeInstanceOf(Date);
      expect(row.rolled_back_at, name).toBeNull();
      expect(row.logs, name).toBeNull();
      const started = (row.started_at as Date).getTime();
      const finished = (row.finished_at as Date).getTime();
      expect(finished, name).toBeGreaterThanOrEqual(started);
      expect(started, name).toBeGreaterThanOrEqual(previousFinish);
      previousFinish = finished;
    }
  });

  it("is idempotent: a second run applies nothing and writes no row", async () => {
    const { url } = await emptyDatabase();
    const firstLines: string[] = [];
    expect(await migrate({ url, log: (line) => firstLines.push(line) })).toEqual(ALL);
    expect(firstLines).toEqual(ALL.map((name) => `Applying migration ${name}`));
    const lines: string[] = [];
    expect(await migrate({ url, log: (line) => lines.push(line) })).toEqual([]);
    expect(lines).toEqual([]);
    expect(await appliedNames(url)).toEqual(ALL);
  });

  it("applies each migration exactly once when two appliers race on a fresh database", async () => {
    const { url } = await emptyDatabase();
    const dir = copyMigrations();
    addMigration(dir, SECOND, `CREATE TABLE "RaceMarker" (id int PRIMARY KEY);`);

    const results = await Promise.all([migrate({ url, dir }), migrate({ url, dir }), migrate({ url, dir })]);

    expect(results.flat().sort()).toEqual([...ALL, SECOND]);
    // The lock is held across all pending migrations, so one applier does all the work.
    expect(results.filter((applied) => applied.length > 0)).toHaveLength(1);
    const rows = await sql<{ migration_name: string; n: number }>(
      url,
      `SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY migration_name ORDER BY migration_name`,
    );
    expect(rows).toEqual([...ALL, SECOND].map((name) => ({ migration_name: name, n: 1 })));
  });

  it("refuses to run when any applied migration's file has changed, naming it", async () => {
    const { url } = await emptyDatabase();
    await migrate({ url });

    for (const name of ALL) {
      const dir = copyMigrations();
      appendFileSync(migrationFile(name, dir), "\n-- an innocent-looking edit\n");
      addMigration(dir, NEXT, `CREATE TABLE "NeverApplied" (id int);`);

      await expect(migrate({ url, dir }), name).rejects.toThrow(new RegExp(`Migration ${name} was changed after it was applied`));
      // Nothing after the refusal ran.
      expect(await tableExists(url, "NeverApplied"), name).toBe(false);
      expect(await appliedNames(url), name).toEqual(ALL);
    }
  });

  it("accepts the same file checked out with CRLF line endings, as Prisma does", async () => {
    const { url } = await emptyDatabase();
    const dir = copyMigrations();
    await migrate({ url, dir });
    for (const name of ALL) {
      const file = migrationFile(name, dir);
      const crlf = readFileSync(file, "utf8").replace(/\r?\n/g, "\r\n");
      expect(sha256File(file), name).not.toBe(createHash("sha256").update(crlf).digest("hex"));
      writeFileSync(file, crlf);
    }
    expect((await migrationStatus(url, dir)).modified).toEqual([]);
    expect(await migrate({ url, dir })).toEqual([]);
  });

  it("rolls a failing migration back completely: no partial table, no bookkeeping row", async () => {
    const { url } = await emptyDatabase();
    const dir = copyMigrations();
    addMigration(
      dir,
      BROKEN,
      `CREATE TABLE "Partial" (id int PRIMARY KEY);
INSERT INTO "Partial" VALUES (1);
ALTER TABLE "User" ADD COLUMN "halfway" text;
SELECT * FROM "no_such_table";`,
    );
    addMigration(dir, AFTER, `CREATE TABLE "After" (id int);`);

    await expect(migrate({ url, dir })).rejects.toThrow(new RegExp(`Migration ${BROKEN} failed and was rolled back: .*no_such_table`));

    // The migrations before it committed on their own; the broken one left no trace; the next never ran.
    expect(await tableExists(url, "User")).toBe(true);
    expect(await tableExists(url, "Partial")).toBe(false);
    expect(await tableExists(url, "After")).toBe(false);
    const halfway = await sql(url, `SELECT 1 FROM information_schema.columns WHERE table_name = 'User' AND column_name = 'halfway'`);
    expect(halfway).toEqual([]);
    expect(await appliedNames(url)).toEqual(ALL);

    const status = await migrationStatus(url, dir);
    expect(status.pending).toEqual([BROKEN, AFTER]);
    expect(status.failed).toEqual([]);

    // Fixing the file lets the next run continue where it stopped.
    writeFileSync(migrationFile(BROKEN, dir), `CREATE TABLE "Partial" (id int PRIMARY KEY);`);
    expect(await migrate({ url, dir })).toEqual([BROKEN, AFTER]);
  });

  it("refuses a database with a started-but-unfinished migration (as Prisma's own applier can leave)", async () => {
    const { url } = await emptyDatabase();
    const dir = copyMigrations();
    await migrate({ url, dir });
    addMigration(dir, NEXT, `CREATE TABLE "Next" (id int);`);
    const next = readMigrations(dir).find((m) => m.name === NEXT)!;
    await sql(
      url,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES (gen_random_uuid()::text, $1, $2, now(), 0)`,
      [next.checksum, NEXT],
    );
    expect((await migrationStatus(url, dir)).failed).toEqual([NEXT]);
    await expect(migrate({ url, dir })).rejects.toThrow(new RegExp(`Migration ${NEXT} was started but never finished`));
    expect(await tableExists(url, "Next")).toBe(false);
  });
});

describe("migrationStatus()", () => {
  it("reports pending, applied, modified and unknown migrations", async () => {
    const { url } = await emptyDatabase();
    const dir = copyMigrations();

    let status = await migrationStatus(url, dir);
    expect(status).toEqual({ applied: [], pending: ALL, modified: [], unknown: [], failed: [] });
    // Reading the status creates nothing.
    expect(await tableExists(url, "_prisma_migrations")).toBe(false);

    await migrate({ url, dir });
    addMigration(dir, NEXT, `CREATE TABLE "Next" (id int);`);
    status = await migrationStatus(url, dir);
    const files = readMigrations(dir);
    expect(status.applied.map((m) => m.name)).toEqual(ALL);
    for (const [i, applied] of status.applied.entries()) {
      expect(applied.checksum, applied.name).toBe(files[i]!.checksum);
      expect(applied.finishedAt, applied.name).toBeInstanceOf(Date);
    }
    expect(status.pending).toEqual([NEXT]);
    expect(status.modified).toEqual([]);
    expect(status.unknown).toEqual([]);
    expect(status.failed).toEqual([]);

    appendFileSync(migrationFile(INIT, dir), "-- edited\n");
    status = await migrationStatus(url, dir);
    expect(status.modified).toEqual([INIT]);
    expect(status.pending).toEqual([NEXT]);

    // Every edited migration is reported, in the order they were applied.
    for (const name of ALL) if (name !== INIT) appendFileSync(migrationFile(name, dir), "-- edited\n");
    status = await migrationStatus(url, dir);
    expect(status.modified).toEqual(ALL);

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
    await sql(url, `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1`, [LAST]);
    let status = await migrationStatus(url);
    expect(status.applied.map((m) => m.name)).toEqual(ALL.filter((name) => name !== LAST));
    expect(status.pending).toEqual([LAST]);

    await sql(url, `UPDATE "_prisma_migrations" SET rolled_back_at = now()`);
    status = await migrationStatus(url);
    expect(status.applied).toEqual([]);
    expect(status.pending).toEqual(ALL);
  });

  it("matches the migrations folder of the repository", () => {
    const files = readMigrations();
    // Every folder is a migration (a folder without migration.sql would be silently skipped).
    const folders = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(files.map((f) => f.name)).toEqual(folders);
    for (const name of folders) expect(existsSync(migrationFile(name)), name).toBe(true);
    // Oldest first, named as Prisma names them, the init migration first.
    expect(files[0]!.name).toBe(INIT);
    for (const file of files) expect(file.name).toMatch(/^\d{14}_[a-z0-9_]+$/);
    expect(new Set(files.map((f) => f.name)).size).toBe(files.length);
    // Scratch migrations of these tests sort after every real one.
    expect(LAST < NEXT && LAST < SECOND && LAST < BROKEN).toBe(true);
    for (const file of files) {
      expect(file.checksum, file.name).toBe(sha256File(migrationFile(file.name)));
      expect(file.sql, file.name).toBe(readFileSync(migrationFile(file.name), "utf8"));
    }
    expect(readMigrations(path.join(os.tmpdir(), "no-such-migrations-dir"))).toEqual([]);
  });
});
