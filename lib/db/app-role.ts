import { createHmac } from "node:crypto";
import type pg from "pg";
import { withPgClient } from "./with-pg-client";

/**
 * Least privilege for the running app. Migrations run as the owner of the schema; the app and the
 * CLI's data commands connect as a login role that owns nothing, so it can neither ALTER a table
 * nor disable a trigger, and may only read and append audit events. A compromised app (SQL
 * injection, a bug) therefore cannot rewrite history behind the append-only triggers.
 */

export const APP_ROLE = "tracewell_app";

const AUDIT_TABLE = "AuditEvent";
/** Append-only like the audit log (issue 12): annotation history. */
const REVISIONS_TABLE = "AnnotationRevision";
/** The Merkle log's seals and signed checkpoints (issue 12) and review decisions (issue 14): insert-only like the events. */
const SEAL_TABLES = ["AuditSeal", "AuditCheckpoint", "AnnotationReview"];
const MIGRATIONS_TABLE = "_prisma_migrations";

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The app role's password, derived from the owner's: every instance that holds the owner URL
 * agrees on it without sharing a file, so scaled-out instances never rotate it under each other.
 * Whoever can read the owner's password can do far more than the app anyway.
 */
export function derivedAppPassword(ownerUrl: string): string {
  const password = decodeURIComponent(new URL(ownerUrl).password);
  if (!password) {
    throw new Error(
      "The owner URL has no password, so Tracewell cannot derive one for its app role: set DATABASE_URL to the app's own role (see `tracewell db roles`).",
    );
  }
  return createHmac("sha256", password).update("tracewell app role v1").digest("base64url");
}

/** The same server and database, other credentials. */
export function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/**
 * Creates the login role, or brings an existing one back to exactly these attributes and this
 * password. Needs a superuser or CREATEROLE (the embedded server's and docker-compose's owner have it).
 */
export async function ensureLoginRole(ownerUrl: string, role: { name: string; password: string }): Promise<void> {
  await retryCatalogRace(() => withPgClient(ownerUrl, async (client) => {
    const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD ${client.escapeLiteral(role.password)}`;
    const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role.name]);
    try {
      await client.query(`${exists.rowCount ? "ALTER" : "CREATE"} ROLE ${ident(role.name)} WITH ${attributes}`);
    } catch (err) {
      // 42710 or 23505 (pg_authid's unique index): another process created it between our look
      // and our CREATE.
      if (!["42710", "23505"].includes((err as { code?: string }).code ?? "")) throw err;
      await client.query(`ALTER ROLE ${ident(role.name)} WITH ${attributes}`);
    }
  }));
}

/**
 * Two processes altering the same role or granting on the same objects at once (the app starting
 * while a CLI command runs; test servers on one cluster) can make PostgreSQL refuse one with
 * "tuple concurrently updated". Roles are shared by every database of the cluster, so no
 * database-scoped lock can order them; the statements are idempotent, so trying again is safe.
 */
async function retryCatalogRace<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= attempts || !/tuple concurrently (updated|deleted)/.test((err as Error).message ?? "")) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
    }
  }
}

async function grantWith(client: pg.Client, role: string): Promise<void> {
  const r = ident(role);
  // Start from nothing, so a privilege granted by hand or by an older version does not linger.
  await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${r}`);
  await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${r}`);
  await client.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
  // No TRUNCATE, REFERENCES or TRIGGER anywhere: the app never needs them.
  await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
  // The audit log: read and append only; the triggers refuse the rest even to the owner.
  await client.query(`REVOKE UPDATE, DELETE ON ${ident(AUDIT_TABLE)} FROM ${r}`);
  const revisions = await client.query(`SELECT to_regclass($1) AS t`, [ident(REVISIONS_TABLE)]);
  if (revisions.rows[0].t) await client.query(`REVOKE UPDATE, DELETE ON ${ident(REVISIONS_TABLE)} FROM ${r}`);
  for (const table of SEAL_TABLES) {
    const exists = await client.query(`SELECT to_regclass($1) AS t`, [ident(table)]);
    if (exists.rows[0].t) await client.query(`REVOKE UPDATE, DELETE ON ${ident(table)} FROM ${r}`);
  }
  // Migration bookkeeping belongs to the owner; the app only ever reads it.
  const migrations = await client.query(`SELECT to_regclass($1) AS t`, [ident(MIGRATIONS_TABLE)]);
  if (migrations.rows[0].t) await client.query(`REVOKE INSERT, UPDATE, DELETE ON ${ident(MIGRATIONS_TABLE)} FROM ${r}`);
  await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
  await client.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${r}`);
}

/**
 * The app role's privileges on every table of the schema, idempotent. Run after every migration
 * (new tables appear), as the owner of the tables, in one transaction so no instance ever sees a
 * half-granted schema.
 */
export async function grantAppRole(ownerUrl: string, role: string): Promise<void> {
  await retryCatalogRace(() => withPgClient(ownerUrl, async (client) => {
    const { rows } = await client.query<{ me: string }>("SELECT current_user AS me");
    // Revoking from the owner itself would strip the tables' owner of its own rights.
    if (rows[0]!.me === role) throw new Error(`The app role "${role}" is the owner of the schema; give the app a role of its own.`);
    await client.query("BEGIN");
    try {
      await grantWith(client, role);
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK");
      throw err;
    }
  }));
}

/** The role's attributes as PostgreSQL sees them, for warnings about a too-powerful DATABASE_URL. */
export async function roleAttributes(url: string): Promise<{ name: string; superuser: boolean; ownsTables: boolean }> {
  return withPgClient(url, async (client) => {
    const { rows } = await client.query<{ name: string; superuser: boolean; owns: boolean }>(
      `SELECT current_user AS name, r.rolsuper AS superuser,
              EXISTS (SELECT 1 FROM pg_class c WHERE c.relowner = r.oid AND c.relnamespace = 'public'::regnamespace) AS owns
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    return { name: rows[0]!.name, superuser: rows[0]!.superuser, ownsTables: rows[0]!.owns };
  });
}
