import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type pg from "pg";
import { withPgClient } from "./with-pg-client";

/**
 * Applies prisma/migrations the way `prisma migrate deploy` does, so the two stay interchangeable:
 * same advisory lock key, same `_prisma_migrations` table and rows, sha256 checksums of the files.
 * Unlike Prisma, each migration runs in one transaction with its bookkeeping row, so a failure
 * leaves neither half-applied SQL nor a "failed" row behind.
 */

export const MIGRATIONS_DIR = path.resolve(fileURLToPath(import.meta.url), "../../../prisma/migrations");

/** The key Prisma Migrate locks on; sharing it keeps our applier and Prisma's from racing. */
const PRISMA_ADVISORY_LOCK = 72707369;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface AppliedMigration {
  name: string;
  checksum: string;
  finishedAt: Date | null;
}

export interface MigrationStatus {
  applied: AppliedMigration[];
  pending: string[];
  /** Applied migrations whose file has changed since: the database no longer matches the folder. */
  modified: string[];
  /** Applied migrations with no folder here (e.g. a newer version of the app ran). */
  unknown: string[];
  /** Started but never finished (only Prisma's own applier can leave these). */
  failed: string[];
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: sha256(sql) };
    });
}

/** Prisma accepts a checksum taken with either line ending, so a checkout with CRLF still matches. */
function checksumMatches(file: MigrationFile, checksum: string): boolean {
  return (
    checksum === file.checksum ||
    checksum === sha256(file.sql.replace(/\r\n/g, "\n")) ||
    checksum === sha256(file.sql.replace(/\r?\n/g, "\r\n"))
  );
}

async function readApplied(client: pg.Client): Promise<(AppliedMigration & { rolledBack: boolean })[]> {
  const exists = await client.query(`SELECT to_regclass('"_prisma_migrations"') AS t`);
  if (!exists.rows[0].t) return [];
  const rows = await client.query(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
  return rows.rows.map((row) => ({
    name: row.migration_name,
    checksum: row.checksum,
    finishedAt: row.finished_at,
    rolledBack: row.rolled_back_at !== null,
  }));
}

async function statusWith(client: pg.Client, files: MigrationFile[]): Promise<MigrationStatus> {
  const rows = (await readApplied(client)).filter((row) => !row.rolledBack);
  const applied = rows.filter((row) => row.finishedAt !== null);
  const byName = new Map(files.map((file) => [file.name, file]));
  const appliedNames = new Set(applied.map((row) => row.name));
  return {
    applied: applied.map(({ name, checksum, finishedAt }) => ({ name, checksum, finishedAt })),
    pending: files.filter((file) => !appliedNames.has(file.name)).map((file) => file.name),
    modified: applied
      .filter((row) => byName.has(row.name) && !checksumMatches(byName.get(row.name)!, row.checksum))
      .map((row) => row.name),
    unknown: applied.filter((row) => !byName.has(row.name)).map((row) => row.name),
    failed: rows.filter((row) => row.finishedAt === null).map((row) => row.name),
  };
}

export function migrationStatus(url: string, dir = MIGRATIONS_DIR): Promise<MigrationStatus> {
  return withPgClient(url, (client) => statusWith(client, readMigrations(dir)));
}

export interface MigrateOptions {
  url: string;
  dir?: string;
  log?: (line: string) => void;
}

export async function migrate({ url, dir = MIGRATIONS_DIR, log = () => {} }: MigrateOptions): Promise<string[]> {
  const files = readMigrations(dir);
  return withPgClient(url, async (client) => {
    // Session-level lock: held across the per-migration transactions, released by unlock or on
    // disconnect, so a second instance waits here and then finds nothing left to apply.
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    try {
      // Only when missing: a role that may not create tables (the app's, given DATABASE_URL alone)
      // can still confirm that there is nothing to apply.
      const exists = await client.query(`SELECT to_regclass('"_prisma_migrations"') AS t`);
      if (!exists.rows[0].t) await client.query(CREATE_TABLE);
      const status = await statusWith(client, files);
      if (status.failed.length > 0) {
        throw new Error(
          `Migration ${status.failed[0]} was started but never finished. Resolve it (see \`prisma migrate resolve\`) before migrating.`,
        );
      }
      if (status.modified.length > 0) {
        throw new Error(
          `Migration ${status.modified.join(", ")} was changed after it was applied. Applied migrations must never be edited; ` +
            `restore the original file and put the change in a new migration.`,
        );
      }
      const applied: string[] = [];
      for (const file of files.filter((f) => status.pending.includes(f.name))) {
        log(`Applying migration ${file.name}`);
        await client.query("BEGIN");
        try {
          const id = randomUUID();
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
            [id, file.checksum, file.name],
          );
          await client.query(file.sql);
          await client.query(
            `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = applied_steps_count + 1 WHERE id = $1`,
            [id],
          );
          await client.query("COMMIT");
        } catch (err) {
          await client.query("ROLLBACK");
          throw new Error(`Migration ${file.name} failed and was rolled back: ${(err as Error).message}`);
        }
        applied.push(file.name);
      }
      return applied;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]);
    }
  });
}
