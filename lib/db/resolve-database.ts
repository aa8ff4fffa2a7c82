import pg from "pg";
import { dataDir, secretFromEnv } from "@/lib/config";
import { APP_ROLE, derivedAppPassword, ensureLoginRole, grantAppRole, roleAttributes, withCredentials } from "./app-role";
import { startEmbeddedPostgres } from "./embedded";
import { migrate } from "./migrate";

/** An external server may still be starting (docker compose, a cold VM): retry for a while. */
async function waitForServer(url: string, name: string, log: (line: string) => void, timeoutMs = 60_000): Promise<void> {
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
        throw new Error(`Cannot reach the database at ${name}: ${(err as Error).message}`);
      }
      if (attempt === 1) log(`Waiting for the database at ${name} (${(err as Error).message})`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

export interface ResolvedDatabase {
  /** The schema's owner: migrations and role set-up only. */
  ownerUrl: string;
  /** The app's least-privileged role (the same as ownerUrl only in the single-URL fallback). */
  appUrl: string;
  /** The role whose grants follow every migration, or null when the app runs as the owner. */
  appRole: string | null;
  /** True when this process started an embedded server and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

/**
 * DATABASE_OWNER_URL with its password from DATABASE_OWNER_PASSWORD(_FILE) when given, so that
 * docker-compose can keep the password in a secret file instead of the environment.
 */
export function ownerUrlFromEnv(): string | undefined {
  const url = process.env.DATABASE_OWNER_URL;
  if (!url) return undefined;
  const password = secretFromEnv("DATABASE_OWNER_PASSWORD");
  return password ? withCredentials(url, decodeURIComponent(new URL(url).username), password) : url;
}

async function external(role: "app" | "cli", log: (line: string) => void): Promise<ResolvedDatabase> {
  const timeout = role === "app" ? 60_000 : 10_000;
  const ownerUrl = ownerUrlFromEnv();
  const given = process.env.DATABASE_URL;
  const none = { owned: false, stop: async () => {} };
  if (ownerUrl) {
    await waitForServer(ownerUrl, "DATABASE_OWNER_URL", log, timeout);
    if (given) return { ownerUrl, appUrl: given, appRole: decodeURIComponent(new URL(given).username), ...none };
    // Owner URL only: Tracewell manages its own app role (docker-compose does this).
    const appUrl = withCredentials(ownerUrl, APP_ROLE, derivedAppPassword(ownerUrl));
    await ensureLoginRole(ownerUrl, { name: APP_ROLE, password: derivedAppPassword(ownerUrl) });
    process.env.DATABASE_URL = appUrl;
    return { ownerUrl, appUrl, appRole: APP_ROLE, ...none };
  }
  await waitForServer(given!, "DATABASE_URL", log, timeout);
  if (role === "app") {
    const me = await roleAttributes(given!);
    log(
      `WARNING: DATABASE_URL alone, so the app migrates and runs as one role ("${me.name}"${me.superuser ? ", a superuser" : ""}), ` +
        `which can alter tables and disable the audit triggers. Set DATABASE_OWNER_URL to the owner for migrations and ` +
        `DATABASE_URL to a role without ownership (one command: \`DATABASE_OWNER_URL=… tracewell db roles\`).`,
    );
  }
  return { ownerUrl: given!, appUrl: given!, appRole: null, ...none };
}

/**
 * Which database and which roles. Embedded (no DATABASE_URL, no DATABASE_OWNER_URL): the server of
 * the data directory, its bootstrap superuser as the owner and `tracewell_app` for the app. The app
 * owns that server (and refuses to share it); the CLI shares a running app's server, or starts one
 * for the length of its command. Afterwards process.env.DATABASE_URL is the app's role, which is
 * what lib/db/client.ts and pg-pool.ts connect with.
 */
export async function resolveDatabase({
  role,
  log,
}: {
  role: "app" | "cli";
  log: (line: string) => void;
}): Promise<ResolvedDatabase> {
  if (process.env.DATABASE_URL || process.env.DATABASE_OWNER_URL) return external(role, log);
  const server = await startEmbeddedPostgres({
    dataDir: dataDir(),
    whenInUse: role === "app" ? "refuse" : "share",
    log,
  });
  try {
    const password = derivedAppPassword(server.url);
    await ensureLoginRole(server.url, { name: APP_ROLE, password });
    const appUrl = withCredentials(server.url, APP_ROLE, password);
    process.env.DATABASE_URL = appUrl;
    return { ownerUrl: server.url, appUrl, appRole: APP_ROLE, owned: server.owned, stop: () => server.stop() };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/** Pending migrations as the owner, then the app role's grants (new tables need them). */
export async function migrateAndGrant(database: ResolvedDatabase, log: (line: string) => void): Promise<string[]> {
  const applied = await migrate({ url: database.ownerUrl, log });
  if (database.appRole) await grantAppRole(database.ownerUrl, database.appRole);
  return applied;
}
