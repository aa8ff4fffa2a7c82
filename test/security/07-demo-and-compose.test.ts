import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { DEMO_USERS, demoAccountsWithPublishedPassword, seedDemo } from "@/lib/demo/seed-demo";
import { sql, useDatabase } from "../helpers/database";
import { startServer, type RunningServer } from "../helpers/server";

/**
 * Issue 11, item 7: demo accounts with a published password never face the network, and
 * docker-compose creates none, refusing to start without the operator's own secrets.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const servers: RunningServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The local addresses (hex, as the kernel lists them) that listen on `port`. */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const found: string[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      const [address, p] = (cols[1] ?? "").split(":");
      if (cols[3] === "0A" && p === hexPort) found.push(address!);
    }
  }
  return found;
}
const LOOPBACK_V4 = "0100007F";
const ANY = /^0+$/;

async function start(env: Record<string, string>): Promise<RunningServer> {
  const server = await startServer({ env });
  servers.push(server);
  return server;
}

function secretsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracewell-secrets-"));
  dirs.push(dir);
  for (const [name, value] of Object.entries(files)) writeFileSync(path.join(dir, name), value + "\n", { mode: 0o600 });
  return dir;
}

describe.skipIf(!existsSync("/proc/net/tcp"))("npm start's demo", () => {
  it("listens on loopback only while demo accounts have the published password, and says how to change it", async () => {
    const server = await start({ TRACEWELL_DEMO: "1", HOST: "" });
    expect(server.output()).toContain("Created the demo project and demo accounts.");
    expect(listeningAddresses(server.port)).toEqual([LOOPBACK_V4]);
    expect(server.output()).toMatch(/Listening on 127\.0\.0\.1 only, because demo accounts with the published password exist.*TRACEWELL_DEMO=0.*HOST=0\.0\.0\.0/);
  }, 180_000);

  it("HOST overrides it, with a warning", async () => {
    const server = await start({ TRACEWELL_DEMO: "1", HOST: "0.0.0.0" });
    expect(listeningAddresses(server.port)).toEqual(["00000000"]);
    expect(server.output()).toContain("WARNING: listening on 0.0.0.0 (HOST) while demo accounts sign in with the published password");
  }, 180_000);

  it("without demo accounts, listens on all interfaces", async () => {
    const server = await start({ TRACEWELL_DEMO: "0", HOST: "" });
    const addresses = listeningAddresses(server.port);
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.every((a) => ANY.test(a))).toBe(true);
  }, 120_000);
});

describe("which demo accounts count as open", () => {
  it("only those whose password still verifies as the published one, not every demo email", async () => {
    expect(await seedDemo()).toBe(true);
    // The demo's work is assigned: the analyst annotates and the reviewer reviews every document.
    const workflows = await db().documentWorkflow.findMany({ include: { reviewer: true, annotators: { include: { user: true } } } });
    expect(workflows.length).toBeGreaterThan(0);
    for (const w of workflows) {
      expect(w.reviewer?.email).toBe("reviewer@demo.local");
      expect(w.annotators.map((a) => a.user.email)).toEqual(["analyst@demo.local"]);
    }
    expect((await demoAccountsWithPublishedPassword()).sort()).toEqual(DEMO_USERS.map((u) => u.email).sort());
    await db().user.updateMany({ where: { email: { in: DEMO_USERS.map((u) => u.email) } }, data: { passwordHash: await hashPassword("changed by the operator") } });
    expect(await demoAccountsWithPublishedPassword()).toEqual([]);
  }, 120_000);
});

describe("docker-compose and the image", () => {
  const compose = parse(readFileSync(path.join(ROOT, "docker-compose.yml"), "utf8"));
  const app = compose.services.app;

  it("creates no demo, closes sign-up, requires the operator's secrets and keeps every password in secret files", () => {
    expect(app.environment).toMatchObject({
      TRACEWELL_DEMO: "0",
      TRACEWELL_SIGNUP: "closed",
      TRACEWELL_REQUIRE_SECRETS: "1",
      HOST: "0.0.0.0",
      AUTH_SECRET_FILE: "/run/secrets/auth_secret",
      TRACEWELL_ADMIN_PASSWORD_FILE: "/run/secrets/admin_password",
      DATABASE_OWNER_PASSWORD_FILE: "/run/secrets/postgres_password",
    });
    expect(compose.services.db.environment.POSTGRES_PASSWORD_FILE).toBe("/run/secrets/postgres_password");
    expect(compose.secrets).toEqual({
      auth_secret: { file: "./secrets/auth_secret" },
      admin_password: { file: "./secrets/admin_password" },
      postgres_password: { file: "./secrets/postgres_password" },
    });
    // No password, default or otherwise, anywhere in the environment (what `docker compose config` prints).
    for (const service of Object.values(compose.services) as { environment: Record<string, string> }[]) {
      for (const [key, value] of Object.entries(service.environment)) {
        expect(key).not.toMatch(/^(POSTGRES_PASSWORD|AUTH_SECRET|TRACEWELL_ADMIN_PASSWORD|DATABASE_URL)$/);
        expect(String(value)).not.toMatch(/:\/\/[^@/]*:[^@/]*@/);
      }
    }
    expect(app.environment.DATABASE_OWNER_URL).toBe("postgresql://tracewell@db:5432/tracewell");
    // The admin's email is not a secret: a default keeps `docker compose config` working bare.
    expect(app.environment.TRACEWELL_ADMIN_EMAIL).toBe("${TRACEWELL_ADMIN_EMAIL:-admin@tracewell.local}");
    expect(app.environment.TRACEWELL_ADMIN_PASSWORD_FILE).toBe("/run/secrets/admin_password");
  });

  it("keeps the secrets out of git and out of the image", () => {
    expect(readFileSync(path.join(ROOT, ".gitignore"), "utf8")).toMatch(/^secrets\/$/m);
    expect(readFileSync(path.join(ROOT, ".dockerignore"), "utf8")).toMatch(/^secrets$/m);
    const dockerfile = readFileSync(path.join(ROOT, "Dockerfile"), "utf8");
    for (const setting of ["TRACEWELL_DEMO=0", "TRACEWELL_SIGNUP=closed", "TRACEWELL_REQUIRE_SECRETS=1", "HOST=0.0.0.0"]) expect(dockerfile).toContain(setting);
  });
});

describe("the app as docker-compose runs it (TRACEWELL_REQUIRE_SECRETS=1)", () => {
  const strict = { TRACEWELL_REQUIRE_SECRETS: "1", TRACEWELL_DEMO: "1", HOST: "", AUTH_SECRET: "" };

  it("refuses to start without AUTH_SECRET, or with its file missing, saying what to supply", async () => {
    const dir = secretsDir({ admin_password: "operator-chosen-password" });
    const admin = { TRACEWELL_ADMIN_EMAIL: "ops@example.org", TRACEWELL_ADMIN_PASSWORD_FILE: path.join(dir, "admin_password") };
    await expect(start({ ...strict, ...admin })).rejects.toThrow(/exited with 1[\s\S]*TRACEWELL_REQUIRE_SECRETS=1: supply AUTH_SECRET/);
    await expect(start({ ...strict, ...admin, AUTH_SECRET_FILE: path.join(dir, "auth_secret") })).rejects.toThrow(
      /AUTH_SECRET_FILE names .*auth_secret, which cannot be read/,
    );
  }, 120_000);

  it("refuses to start without the initial admin's password", async () => {
    const dir = secretsDir({ auth_secret: "x".repeat(44) });
    await expect(start({ ...strict, AUTH_SECRET_FILE: path.join(dir, "auth_secret") })).rejects.toThrow(/supply the initial admin/);
    await expect(
      start({ ...strict, AUTH_SECRET_FILE: path.join(dir, "auth_secret"), TRACEWELL_ADMIN_EMAIL: "ops@example.org", TRACEWELL_ADMIN_PASSWORD_FILE: path.join(dir, "missing") }),
    ).rejects.toThrow(/TRACEWELL_ADMIN_PASSWORD_FILE names .*missing, which cannot be read/);
  }, 120_000);

  it("with them, creates the operator's admin (audited) and no demo account, on all interfaces", async () => {
    const dir = secretsDir({ auth_secret: "y".repeat(44), admin_password: "operator-chosen-password" });
    const server = await start({
      ...strict,
      AUTH_SECRET_FILE: path.join(dir, "auth_secret"),
      TRACEWELL_ADMIN_EMAIL: "ops@example.org",
      TRACEWELL_ADMIN_PASSWORD_FILE: path.join(dir, "admin_password"),
    });
    expect(server.output()).toContain("Created the initial instance admin ops@example.org.");
    const users = await sql<{ email: string; isAdmin: boolean }>(server.databaseUrl, `SELECT email, "isAdmin" FROM "User"`);
    expect(users).toEqual([{ email: "ops@example.org", isAdmin: true }]);
    const events = await sql<{ action: string }>(server.databaseUrl, `SELECT action FROM "AuditEvent" WHERE action = 'user.created'`);
    expect(events).toHaveLength(1);
    if (existsSync("/proc/net/tcp")) expect(listeningAddresses(server.port).every((a) => ANY.test(a))).toBe(true);
    // The operator's password signs in; the published demo one is nowhere.
    await useDatabase({ url: server.databaseUrl });
    expect(await demoAccountsWithPublishedPassword()).toEqual([]);
  }, 120_000);
});
