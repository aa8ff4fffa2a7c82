import pg from "pg";
import { dataDir } from "@/lib/config";
import { startEmbeddedPostgres, type EmbeddedServer } from "./embedded";

/** An external server may still be starting (docker compose, a cold VM): retry for a while. */
async function waitForServer(url: string, log: (line: string) => void, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (err) {
      await client.end().catch(() => {});
      if (Date.now() > until) {
        throw new Error(`Cannot reach the database at DATABASE_URL: ${(err as Error).message}`);
      }
      if (attempt === 1) log(`Waiting for the database at DATABASE_URL (${(err as Error).message})`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

/**
 * DATABASE_URL when set; otherwise the embedded server of the data directory. The app owns that
 * server (and refuses to share it); the CLI shares a running app's server, or starts one for the
 * length of its command.
 */
export async function resolveDatabase({
  role,
  log,
}: {
  role: "app" | "cli";
  log: (line: string) => void;
}): Promise<EmbeddedServer> {
  if (process.env.DATABASE_URL) {
    await waitForServer(process.env.DATABASE_URL, log, role === "app" ? 60_000 : 10_000);
    return { url: process.env.DATABASE_URL, owned: false, stop: async () => {} };
  }
  const server = await startEmbeddedPostgres({
    dataDir: dataDir(),
    whenInUse: role === "app" ? "refuse" : "share",
    log,
  });
  process.env.DATABASE_URL = server.url;
  return server;
}
