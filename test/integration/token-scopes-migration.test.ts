import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrate } from "@/lib/db/migrate";
import { createTestDatabase, sql } from "../helpers/database";

const MIGRATION = "20261203020000_token_scopes";
const DAY = 86_400_000;

let scratch: string | undefined;
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** The migrations folder as it was just before token scopes. */
function migrationsBefore(name: string): string {
  scratch = mkdtempSync(path.join(os.tmpdir(), "tracewell-token-scopes-"));
  for (const entry of readdirSync(MIGRATIONS_DIR)) {
    if (entry.localeCompare(name) < 0 || entry === "migration_lock.toml") cpSync(path.join(MIGRATIONS_DIR, entry), path.join(scratch, entry), { recursive: true });
  }
  return scratch;
}

it("keeps tokens made before scopes writable, and brings every expiry within 365 days of the upgrade", async () => {
  const { url } = await createTestDatabase({ template: null });
  await migrate({ url, dir: migrationsBefore(MIGRATION) });
  await sql(url, `INSERT INTO "User" (id, email, name, "updatedAt") VALUES ('u1', 'old@example.com', 'Old', now())`);
  const soon = new Date(Date.now() + 10 * DAY);
  const far = new Date(Date.now() + 3000 * DAY);
  const past = new Date(Date.now() - 5 * DAY);
  await sql(
    url,
    `INSERT INTO "ApiToken" (id, "userId", name, "tokenHash", prefix, "expiresAt") VALUES
       ('never', 'u1', 'n', 'h1', 'tw_a', NULL), ('soon', 'u1', 's', 'h2', 'tw_b', $1),
       ('far', 'u1', 'f', 'h3', 'tw_c', $2), ('past', 'u1', 'p', 'h4', 'tw_d', $3)`,
    [soon, far, past],
  );

  const upgradedAt = Date.now();
  expect(await migrate({ url })).toContain(MIGRATION);

  const rows = await sql<{ id: string; scope: string; expiresAt: Date }>(url, `SELECT id, scope::text, "expiresAt" FROM "ApiToken" ORDER BY id`);
  const byId = Object.fromEntries(rows.map((row) => [row.id, row]));
  for (const row of rows) expect(row.scope, row.id).toBe("write");
  // Capped at upgrade + 365 days; an hour's margin for the migration's own clock.
  for (const id of ["never", "far"]) expect(Math.abs(byId[id]!.expiresAt.getTime() - (upgradedAt + 365 * DAY))).toBeLessThan(3_600_000);
  expect(byId.soon!.expiresAt.toISOString()).toBe(soon.toISOString());
  expect(byId.past!.expiresAt.toISOString()).toBe(past.toISOString());

  // New rows must name a scope and an expiry: no silent default to write or to "never".
  await expect(sql(url, `INSERT INTO "ApiToken" (id, "userId", name, "tokenHash", prefix, "expiresAt") VALUES ('x', 'u1', 'x', 'h5', 'tw_e', now())`)).rejects.toThrow(/scope/);
  await expect(sql(url, `INSERT INTO "ApiToken" (id, "userId", name, "tokenHash", prefix, scope) VALUES ('y', 'u1', 'y', 'h6', 'tw_f', 'read')`)).rejects.toThrow(/expiresAt/);
});
