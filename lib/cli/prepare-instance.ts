import { host as configuredHost, secretFromEnv } from "@/lib/config";
import { migrateAndGrant, type ResolvedDatabase } from "@/lib/db/resolve-database";
import { DEMO_PASSWORD, DEMO_USERS, demoAccountsWithPublishedPassword, seedDemo } from "@/lib/demo/seed-demo";
import { bootstrapAdmin, initialAdminFromEnv } from "./bootstrap-admin";

/**
 * What `serve` does between starting the database and listening: migrations and grants as the
 * owner, the operator's first admin or the demo on an empty instance, and the interface to bind.
 * Returns the host to listen on (undefined: all interfaces).
 */
export async function prepareInstance(database: ResolvedDatabase, log: (line: string) => void): Promise<string | undefined> {
  // Deployments that must not fall back to generated secrets or the demo (docker-compose) say so.
  const strict = process.env.TRACEWELL_REQUIRE_SECRETS === "1";
  const admin = initialAdminFromEnv();
  if (strict && !secretFromEnv("AUTH_SECRET")) {
    throw new Error(
      "TRACEWELL_REQUIRE_SECRETS=1: supply AUTH_SECRET (docker-compose: `openssl rand -base64 32 > secrets/auth_secret`). " +
        "Sessions are signed with it; it is not generated here.",
    );
  }
  if (strict && !admin) {
    throw new Error(
      "TRACEWELL_REQUIRE_SECRETS=1: supply the initial admin, TRACEWELL_ADMIN_EMAIL and TRACEWELL_ADMIN_PASSWORD_FILE " +
        "(docker-compose: secrets/admin_password).",
    );
  }

  const applied = await migrateAndGrant(database, log);
  if (applied.length === 0) log("Database schema is up to date.");
  // The Next.js server in this process needs only the app's role; keep the owner's out of its reach.
  delete process.env.DATABASE_OWNER_URL;
  delete process.env.DATABASE_OWNER_PASSWORD;
  delete process.env.DATABASE_OWNER_PASSWORD_FILE;

  if (admin) {
    const created = await bootstrapAdmin(admin);
    if (created) log(`Created the initial instance admin ${created}.`);
  }
  const demoWanted = process.env.TRACEWELL_DEMO !== "0" && !strict;
  if (demoWanted && (await seedDemo())) log("Created the demo project and demo accounts.");

  const open = await demoAccountsWithPublishedPassword();
  if (open.length > 0) {
    log(`Demo accounts (password "${DEMO_PASSWORD}"): ${DEMO_USERS.filter((u) => open.includes(u.email)).map((u) => `${u.email} (${u.role})`).join(", ")}`);
  }
  return listenHost(open.length > 0, log);
}

/**
 * Loopback only while anyone who read the README could sign in; HOST overrides (with a warning),
 * otherwise all interfaces.
 */
export function listenHost(demoOpen: boolean, log: (line: string) => void): string | undefined {
  const host = configuredHost();
  if (host) {
    if (demoOpen && !isLoopback(host)) {
      log(`WARNING: listening on ${host} (HOST) while demo accounts sign in with the published password "${DEMO_PASSWORD}". Anyone who can reach this address can sign in.`);
    }
    return host;
  }
  if (demoOpen) {
    log(
      "Listening on 127.0.0.1 only, because demo accounts with the published password exist. To listen on other interfaces, " +
        "start a fresh instance with TRACEWELL_DEMO=0 (or change those accounts' passwords), or set HOST=0.0.0.0 to override.",
    );
    return "127.0.0.1";
  }
  return undefined;
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}
