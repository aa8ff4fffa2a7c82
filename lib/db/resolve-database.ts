import { dataDir } from "@/lib/config";
import { startEmbeddedPostgres, type EmbeddedServer } from "./embedded";

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
