import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { disconnectDb } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

/**
 * Runs a benchmark against a throwaway, migrated embedded PostgreSQL, and removes it afterwards.
 * DATABASE_URL points at it for the length of `fn`.
 */
export async function withBenchDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracewell-bench-"));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as the postgres user and must enter it
  const server = await startEmbeddedPostgres({ dataDir: dir, whenInUse: "refuse" });
  process.env.DATABASE_URL = server.url;
  try {
    await migrate({ url: server.url });
    return await fn(server.url);
  } finally {
    await disconnectDb();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
