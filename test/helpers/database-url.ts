/**
 * Connection-URL helpers shared by the global setup (which runs outside the test workers) and the
 * tests. No vitest imports here.
 */

/** The database every test database is copied from; migrated once per run by the global setup. */
export const TEMPLATE_DB = "tracewell_template";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/**
 * The tests create and drop databases, so they refuse any server that is not on this machine
 * (as Dub's tests do): a mistyped TEST_DATABASE_URL must never reach a shared or production server.
 */
export function assertLocalDatabaseUrl(raw: string): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error("TEST_DATABASE_URL is not a valid postgresql:// URL");
  }
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:") {
    throw new Error(`TEST_DATABASE_URL must be a postgresql:// URL, got ${url.protocol}//…`);
  }
  // libpq lets `?host=` override the authority; an empty authority falls back to PGHOST, which we
  // cannot vouch for. A `host=/path` is a Unix socket, which is local by definition.
  const hosts = [url.hostname, ...url.searchParams.getAll("host")].filter((host) => host !== "");
  if (hosts.length === 0) {
    throw new Error("TEST_DATABASE_URL must name its host (localhost, 127.0.0.1 or ::1)");
  }
  for (const host of hosts) {
    if (!LOCAL_HOSTS.has(host.toLowerCase()) && !host.startsWith("/")) {
      throw new Error(
        `Refusing to run the tests against ${host}: they create and drop databases, so ` +
          `TEST_DATABASE_URL must point at localhost, 127.0.0.1 or ::1.`,
      );
    }
  }
}

/** The same server and credentials, another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** Identifiers in the tests are generated, but quote them properly anyway. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
