import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "@/lib/db/embedded";
import { createTestDatabase } from "./database";

const ROOT = path.resolve(import.meta.dirname, "../..");
const START_TIMEOUT_MS = 90_000;

export interface RunningServer {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** The test database the server uses (a fresh copy of the migrated template), as its owner. */
  databaseUrl: string;
  /** The same database as the app's role, which is what the server connects with. */
  appUrl: string;
  dataDir: string;
  child: ChildProcess;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** The Next.js build the server runs from: `.next`, or TRACEWELL_NEXT_DIST_DIR. */
export function buildDir(): string {
  return path.join(ROOT, process.env.TRACEWELL_NEXT_DIST_DIR || ".next");
}

/**
 * Starts the real app (`tracewell serve`, the production build) as its own process, on a free
 * port, against a fresh copy of the test template database. For what only a real server shows:
 * sockets, streaming bodies, next-auth's routes, headers, the event loop under load.
 */
export async function startServer({
  env = {},
  database: shared,
}: {
  env?: Record<string, string>;
  /** Another server's database: a second instance of the same deployment. */
  database?: { url: string; appUrl: string };
} = {}): Promise<RunningServer> {
  if (!existsSync(path.join(buildDir(), "BUILD_ID"))) {
    throw new Error(`No production build in ${buildDir()}: run \`npx next build\` first (npm test does).`);
  }
  const database = shared ?? (await createTestDatabase());
  const dataDir = mkdtempSync(path.join(tmpdir(), "tracewell-server-"));
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn(process.execPath, [path.join(ROOT, "bin/tracewell.mjs"), "serve"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      // Like production: migrations as the owner, everything else as the app's role.
      DATABASE_URL: database.appUrl,
      DATABASE_OWNER_URL: database.url,
      TRACEWELL_DATA_DIR: dataDir,
      // The server's audit checkpoints go to its own data directory, not this process's file.
      TRACEWELL_AUDIT_CHECKPOINTS: "",
      NEXTAUTH_URL: url,
      AUTH_SECRET: "tracewell-test-server-secret",
      TRACEWELL_DEMO: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));

  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        rmSync(dataDir, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const kill = setTimeout(() => child.kill("SIGKILL"), 15_000);
      child.once("exit", () => {
        clearTimeout(kill);
        done();
      });
      child.kill("SIGTERM");
    });

  const until = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`tracewell serve exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      await stop();
      throw new Error(`tracewell serve did not become healthy in ${START_TIMEOUT_MS / 1000}s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, port, databaseUrl: database.url, appUrl: database.appUrl, dataDir, child, output: () => output, stop };
}
