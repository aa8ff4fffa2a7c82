import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { withCredentials } from "@/lib/db/app-role";
import { disconnectDb } from "@/lib/db/client";
import { withPgClient } from "@/lib/db/with-pg-client";
import { TEMPLATE_DB, databaseUrl, quoteIdent } from "./database-url";

export interface TestDatabase {
  name: string;
  /** As the owner of the tables (the test server's superuser): set-up, inspection, tampering. */
  url: string;
  /** As the app's role, which is what lib/ connects with (process.env.DATABASE_URL). */
  appUrl: string;
}

const created = new Set<string>();

export function adminUrl(): string {
  return inject("adminUrl");
}

export { withPgClient as withClient };

/** The database `name` on the test server, as the app's least-privileged role. */
export function appUrlOf(name: string): string {
  return asAppRole(databaseUrl(adminUrl(), name));
}

/** The same database as `url`, as the app's least-privileged role. */
export function asAppRole(url: string): string {
  const role = inject("appRole");
  return withCredentials(url, role.name, role.password);
}

/** Runs one statement on a database of the test server and returns its rows. */
export async function sql<R extends pg.QueryResultRow = Record<string, unknown>>(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<R[]> {
  return withPgClient(url, async (client) => (await client.query<R>(text, params)).rows);
}

/**
 * A new database on the test server: a copy of the migrated template by default, or (template
 * null) an empty one. Dropped by the per-file setup after the file's tests.
 */
export async function createTestDatabase({ template = TEMPLATE_DB }: { template?: string | null } = {}): Promise<TestDatabase> {
  const name = `t_${randomBytes(8).toString("hex")}`;
  const source = template ?? "template0";
  for (let attempt = 1; ; attempt++) {
    try {
      await sql(adminUrl(), `CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(source)}`);
      break;
    } catch (err) {
      // 55006: "source database is being accessed by other users" – only ever momentary here.
      if ((err as { code?: string }).code !== "55006" || attempt >= 10) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
  created.add(name);
  return { name, url: databaseUrl(adminUrl(), name), appUrl: appUrlOf(name) };
}

export async function dropTestDatabase(name: string): Promise<void> {
  await sql(adminUrl(), `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  created.delete(name);
}

export async function dropTestDatabases(): Promise<void> {
  for (const name of [...created]) await dropTestDatabase(name);
}

/**
 * Points lib/ at another database, as the app's role: its Prisma client is created lazily from
 * DATABASE_URL. `url` alone (e.g. a RunningServer's databaseUrl) names the database.
 */
export async function useDatabase(database: { url: string; appUrl?: string; name?: string }): Promise<void> {
  await disconnectDb();
  process.env.DATABASE_URL = database.appUrl ?? asAppRole(database.url);
  // One audit checkpoints file per database, as one instance's data directory has: checkpoints
  // of another database's log would (rightly) fail `audit verify`.
  const name = database.name ?? decodeURIComponent(new URL(database.url).pathname.slice(1));
  process.env.TRACEWELL_AUDIT_CHECKPOINTS = path.join(process.env.TRACEWELL_DATA_DIR ?? os.tmpdir(), `audit-checkpoints-${name}.jsonl`);
}

/** A fresh copy of the template for the tests that need a database to themselves. */
export async function useFreshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  await useDatabase(database);
  return database;
}

/**
 * The database lib/ is currently using, as its owner: for tests that inspect the schema or tamper
 * behind the app's back (lib/ itself connects as the app's role, currentAppUrl()).
 */
export function currentDatabaseUrl(): string {
  return databaseUrl(adminUrl(), decodeURIComponent(new URL(currentAppUrl()).pathname.slice(1)));
}

/** The database lib/ is currently using, as lib/ does: the app's role. */
export function currentAppUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: is test/setup/database.ts a setup file?");
  return url;
}
