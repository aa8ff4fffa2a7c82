import { ensureLoginRole } from "@/lib/db/app-role";
import { migrationStatus } from "@/lib/db/migrate";
import { migrateAndGrant, type ResolvedDatabase } from "@/lib/db/resolve-database";
import { AppError } from "@/lib/errors";
import { withDatabase } from "./with-database";

/**
 * `db roles`: the one-command set-up of the app's role on an external server, as the owner
 * (DATABASE_OWNER_URL). With DATABASE_URL, creates or updates that URL's role with that URL's
 * password; without, Tracewell's own `tracewell_app` (whose password it derives from the owner's).
 * Then migrates and grants, so the role is ready to use.
 */
async function setUpRoles(database: ResolvedDatabase): Promise<number> {
  if (!database.appRole) {
    throw new AppError("bad_request", "db roles needs DATABASE_OWNER_URL (the schema's owner, allowed to create roles) besides DATABASE_URL (the app's role)");
  }
  const given = process.env.DATABASE_URL && new URL(process.env.DATABASE_URL);
  if (given && process.env.DATABASE_OWNER_URL) {
    const password = decodeURIComponent(given.password);
    if (!password) throw new AppError("bad_request", "DATABASE_URL must carry the password the app role should have");
    await ensureLoginRole(database.ownerUrl, { name: database.appRole, password });
  }
  const applied = await migrateAndGrant(database, (line) => console.log(line));
  console.log(`Role "${database.appRole}" is ready: SELECT/INSERT/UPDATE/DELETE on the tables, SELECT/INSERT only on the append-only tables (audit events, seals, checkpoints, annotation revisions), owns nothing${applied.length ? `; applied ${applied.length} migration(s)` : ""}.`);
  return 0;
}

export async function runDb(sub: "migrate" | "status" | "roles"): Promise<number> {
  return withDatabase(
    async (database) => {
      const url = database.ownerUrl;
      if (sub === "roles") return setUpRoles(database);
      if (sub === "migrate") {
        const applied = await migrateAndGrant(database, (line) => console.log(line));
        console.log(applied.length ? `Applied ${applied.length} migration(s).` : "Database is up to date.");
        return 0;
      }
      const status = await migrationStatus(url);
      for (const m of status.applied) console.log(`applied   ${m.name}  ${m.finishedAt?.toISOString() ?? ""}`);
      for (const name of status.pending) console.log(`pending   ${name}`);
      for (const name of status.modified) console.log(`MODIFIED  ${name}  (file changed after it was applied)`);
      for (const name of status.unknown) console.log(`unknown   ${name}  (applied, but not in prisma/migrations)`);
      for (const name of status.failed) console.log(`FAILED    ${name}`);
      const healthy = status.modified.length === 0 && status.failed.length === 0;
      console.log(
        healthy
          ? `${status.applied.length} applied, ${status.pending.length} pending.`
          : "The database and prisma/migrations disagree; see above.",
      );
      return healthy ? 0 : 1;
    },
    { migrateFirst: false },
  );
}
