import { disconnectDb } from "@/lib/db/client";
import { migrateAndGrant, resolveDatabase, type ResolvedDatabase } from "@/lib/db/resolve-database";

/**
 * Runs a CLI command against the configured database: the running app's embedded server when
 * there is one, a temporary one otherwise (stopped again afterwards), or DATABASE_URL /
 * DATABASE_OWNER_URL. lib/ code inside `fn` connects as the app's role (process.env.DATABASE_URL);
 * only `db` commands use the owner's URL that `fn` is given.
 */
export async function withDatabase<T>(fn: (database: ResolvedDatabase) => Promise<T>, { migrateFirst = true } = {}): Promise<T> {
  const database = await resolveDatabase({ role: "cli", log: (line) => console.error(line) });
  try {
    if (migrateFirst) await migrateAndGrant(database, (line) => console.error(line));
    return await fn(database);
  } finally {
    await disconnectDb();
    await database.stop();
  }
}
