import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { migrateAndGrant, resolveDatabase, type ResolvedDatabase } from "@/lib/db/resolve-database";
import { adminUrl, createTestDatabase, sql, useDatabase, withClient } from "../helpers/database";
import { startServer, type RunningServer } from "../helpers/server";
import { makeUserWithToken } from "../helpers/users";

/**
 * Issue 11, item 6: the app is not a database superuser. Its role owns nothing, may only INSERT
 * and SELECT audit events, and cannot alter a table or disable a trigger, so a compromised app
 * cannot rewrite history behind the append-only triggers.
 */

/** What a role may do to the audit log, tried for real and rolled back. */
async function refusals(url: string): Promise<Record<string, string>> {
  const attempts = {
    update: `UPDATE "AuditEvent" SET action = 'forged'`,
    delete: `DELETE FROM "AuditEvent"`,
    truncate: `TRUNCATE "AuditEvent"`,
    disableTrigger: `ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`,
    disableAllTriggers: `ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`,
    alterTable: `ALTER TABLE "AuditEvent" ADD COLUMN forged text`,
    replicaMode: `SET session_replication_role = replica`,
    dropFunction: `DROP FUNCTION tracewell_audit_append_only() CASCADE`,
  };
  const result: Record<string, string> = {};
  await withClient(url, async (client) => {
    for (const [name, statement] of Object.entries(attempts)) {
      await client.query("BEGIN");
      try {
        await client.query(statement);
        result[name] = "allowed";
      } catch (err) {
        result[name] = (err as { code?: string }).code ?? "error";
      }
      await client.query("ROLLBACK");
    }
  });
  return result;
}

const ALL_REFUSED = {
  update: "42501",
  delete: "42501",
  truncate: "42501",
  disableTrigger: "42501",
  disableAllTriggers: "42501",
  alterTable: "42501",
  replicaMode: "42501",
  dropFunction: "42501",
};

async function roleFacts(url: string) {
  const [me] = await sql<{ user: string; super: boolean; createdb: boolean; createrole: boolean; bypassrls: boolean }>(
    url,
    `SELECT current_user AS "user", rolsuper AS "super", rolcreatedb AS createdb, rolcreaterole AS createrole, rolbypassrls AS bypassrls
       FROM pg_roles WHERE rolname = current_user`,
  );
  const owned = await sql<{ relname: string }>(
    url,
    `SELECT relname FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) AND relnamespace = 'public'::regnamespace`,
  );
  return { ...me!, owned: owned.map((r) => r.relname) };
}

describe("the app's database role in the test suite (created by the app's own code)", () => {
  it("is not a superuser, owns no table and cannot rewrite, truncate, alter or unhook the audit log", async () => {
    const url = process.env.DATABASE_URL!;
    const facts = await roleFacts(url);
    expect(facts).toMatchObject({ super: false, createdb: false, createrole: false, bypassrls: false, owned: [] });
    expect(await refusals(url)).toEqual(ALL_REFUSED);
  });

  it("can still read and append audit events (what every audited write needs)", async () => {
    const { user } = await makeUserWithToken();
    const rows = await sql<{ n: number }>(process.env.DATABASE_URL!, `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "subjectId" = $1`, [user.id]);
    expect(rows[0]!.n).toBe(1);
  });
});

describe("embedded PostgreSQL: two roles", () => {
  let dir: string;
  let database: ResolvedDatabase | undefined;
  const saved = { ...process.env };

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "tracewell-roles-"));
    chmodSync(dir, 0o755);
  });
  afterAll(async () => {
    await disconnectDb();
    await database?.stop();
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it("migrates as the owner and gives DATABASE_URL a login role without privileges over the audit log", async () => {
    delete process.env.DATABASE_URL;
    delete process.env.DATABASE_OWNER_URL;
    process.env.TRACEWELL_DATA_DIR = dir;
    database = await resolveDatabase({ role: "app", log: () => {} });
    await migrateAndGrant(database, () => {});
    expect(process.env.DATABASE_URL).toBe(database.appUrl);
    expect(new URL(database.appUrl).username).toBe("tracewell_app");

    const owner = await roleFacts(database.ownerUrl);
    expect(owner.super).toBe(true);
    expect(owner.owned).toContain("AuditEvent");

    const app = await roleFacts(database.appUrl);
    expect(app).toMatchObject({ user: "tracewell_app", super: false, createdb: false, createrole: false, bypassrls: false, owned: [] });
    expect(await refusals(database.appUrl)).toEqual(ALL_REFUSED);
    // Its password is derived from the owner's, which the data directory keeps readable only by us.
    expect(statSync(path.join(dir, "postgres.password")).mode & 0o077).toBe(0);
  }, 120_000);
});

describe("the real server", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("connects as the app role and still serves an authenticated write", async () => {
    await useDatabase({ url: server.databaseUrl });
    const { token } = await makeUserWithToken();
    const res = await fetch(`${server.url}/api/v1/projects`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "Written by the app role" }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const sessions = await sql<{ usename: string }>(
      server.databaseUrl,
      `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    expect(sessions.map((s) => s.usename)).toEqual(["tracewell_app"]);
    expect(server.output()).not.toMatch(/DATABASE_URL alone/);
  });

  it("with DATABASE_URL alone still starts, but warns that it runs as the owner (here a superuser)", async () => {
    const single = await createTestDatabase();
    const legacy = await startServer({ env: { DATABASE_URL: single.url, DATABASE_OWNER_URL: "" } });
    await legacy.stop();
    expect(legacy.output()).toMatch(/WARNING: DATABASE_URL alone, so the app migrates and runs as one role \("\w+", a superuser\).*tracewell db roles/);
  }, 120_000);
});

describe("tracewell db roles (external PostgreSQL, one command)", () => {
  // Roles are cluster-wide: a name of its own, removed with its grants afterwards.
  const role = `tracewell_roles_${randomBytes(4).toString("hex")}`;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  afterAll(async () => {
    await withClient(database.url, async (client) => {
      await client.query(`DROP OWNED BY "${role}"`);
      await client.query(`DROP ROLE "${role}"`);
    });
  });

  it("creates DATABASE_URL's role from DATABASE_OWNER_URL with the least privileges, and can be run again", async () => {
    database = await createTestDatabase();
    const appUrl = new URL(database.url);
    appUrl.username = role;
    appUrl.password = randomBytes(12).toString("hex");
    const run = () =>
      spawnSync(process.execPath, [path.join(import.meta.dirname, "../../bin/tracewell.mjs"), "db", "roles"], {
        env: { ...process.env, DATABASE_OWNER_URL: database.url, DATABASE_URL: appUrl.toString() },
        encoding: "utf8",
      });
    for (let i = 0; i < 2; i++) {
      const result = run();
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain(`Role "${role}" is ready`);
    }
    const facts = await roleFacts(appUrl.toString());
    expect(facts).toMatchObject({ user: role, super: false, createdb: false, createrole: false, bypassrls: false, owned: [] });
    expect(await refusals(appUrl.toString())).toEqual(ALL_REFUSED);
    await sql(appUrl.toString(), `INSERT INTO "Project" (id, name, "updatedAt") VALUES ('p-roles', 'Made by the app role', now())`);
    expect(await sql(appUrl.toString(), `SELECT name FROM "Project" WHERE id = 'p-roles'`)).toEqual([{ name: "Made by the app role" }]);
    // The admin URL is the test server's superuser: still the owner, untouched by the grants.
    expect((await roleFacts(adminUrl())).super).toBe(true);
  }, 120_000);
});
