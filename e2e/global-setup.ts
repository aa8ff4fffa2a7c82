import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, createWriteStream, existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const START_TIMEOUT_MS = 120_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitForHealth(baseURL: string, child: ChildProcess, logFile: string): Promise<void> {
  const until = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`tracewell serve exited with ${child.exitCode}; see ${logFile}`);
    try {
      const res = await fetch(`${baseURL}/api/v1/health`);
      if (res.ok && ((await res.json()) as { status?: string }).status === "ok") return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`tracewell serve did not become healthy within ${START_TIMEOUT_MS / 1000}s; see ${logFile}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * Starts the real app (`tracewell serve`: embedded PostgreSQL, migrations, demo data, Next) on a
 * free port with a fresh data directory, and stops it again after the run. Needs `next build`.
 */
export default async function globalSetup() {
  if (!existsSync(path.join(ROOT, process.env.TRACEWELL_NEXT_DIST_DIR || ".next", "BUILD_ID"))) {
    throw new Error("No production build found: run `npx next build` first (npm run test:e2e does).");
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "tracewell-e2e-"));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the directory.
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  const logFile = path.join(dataDir, "server.log");
  const log = createWriteStream(logFile);

  const child = spawn(process.execPath, [path.join(ROOT, "bin/tracewell.mjs"), "serve"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      TRACEWELL_DATA_DIR: dataDir,
      NEXTAUTH_URL: baseURL,
      DATABASE_URL: "",
      AUTH_SECRET: "",
      TRACEWELL_DEMO: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);

  try {
    await waitForHealth(baseURL, child, logFile);
  } catch (err) {
    await stop(child);
    throw err;
  }
  process.env.E2E_BASE_URL = baseURL;
  process.env.E2E_DATA_DIR = dataDir;

  return async () => {
    await stop(child);
    log.end();
    if (process.env.E2E_KEEP_DATA === "1") console.log(`e2e data kept in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  };
}
