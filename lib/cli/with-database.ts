import { disconnectDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { resolveDatabase } from "@/lib/db/resolve-database";

/**
 * Runs a CLI command against the configured database: the running app's embedded server when
 * there is one, a temporary one otherwise (stopped again afterwards), or DATABASE_URL.
 */
export async function withDatabase<T>(fn: (url: string) => Promise<T>, { migrateFirst = true } = {}): Promise<T> {
  const server = await resolveDatabase({ role: "cli", log: (line) => console.error(line) });
  try {
    if (migrateFirst) await migrate({ url: server.url, log: (line) => console.error(line) });
    return await fn(server.url);
  } finally {
    await disconnectDb();
    await server.stop();
  }
}
