import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded";
import { sql } from "../helpers/database";

const ROOT = path.resolve(fileURLToPath(import.meta.url), "../../..");
const CHILD = path.join(ROOT, "test/fixtures/embedded-child.ts");

const dataDirs: string[] = [];
const children: ChildProcess[] = [];
const servers: EmbeddedServer[] = [];

function tempDataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracewell-embedded-"));
  // Run as root, the server runs as `postgres`, which must reach the data directory.
  chmodSync(dir, 0o755);
  dataDirs.push(dir);
  return dir;
}

/** Processes whose command line names the directory (the postmaster runs `postgres -D <dir>/postgres`). */
function processesUsing(dir: string): { pid: number; cmd: string }[] {
  const found: { pid: number; cmd: string }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ").trim();
      if (cmd.includes(dir)) found.push({ pid: Number(entry), cmd });
    } catch {
      // Exited while we looked.
    }
  }
  return found;
}

function postmastersOf(dir: string): number[] {
  return processesUsing(dir)
    .filter((p) => /\/postgres -D /.test(p.cmd))
    .map((p) => p.pid);
}

/** Running, as opposed to gone or a zombie (an orphan's exit may never be reaped in a container). */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts the embedded server of `dir` in another Node process, as the app or the CLI would. */
function startInChild(dir: string): Promise<{ child: ChildProcess; url: string; pid: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, dir], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split("\n")[0];
      if (stdout.includes("\n") && line) {
        const { url, pid } = JSON.parse(line) as { url: string; pid: number };
        resolve({ child, url, pid });
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code, signal) => reject(new Error(`child exited early (${code ?? signal}): ${stderr}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** A pid that certainly belonged to a process a moment ago and no longer does. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await exited(child);
  expect(isAlive(child.pid!)).toBe(false);
  return child.pid!;
}

/** postgres.owner holds "pid starttime", so a reused pid is not mistaken for the owner. */
function ownerFile(dir: string): { pid: number; startTime: string } {
  const [pid, startTime = ""] = readFileSync(path.join(dir, "postgres.owner"), "utf8").trim().split(" ");
  return { pid: Number(pid), startTime };
}

function writePostmasterPid(dir: string, pid: number): void {
  const pgdata = path.join(dir, "postgres");
  writeFileSync(
    path.join(pgdata, "postmaster.pid"),
    [pid, pgdata, Math.floor(Date.now() / 1000), 5432, "", "127.0.0.1", "  1234   5678", "ready   ", ""].join("\n"),
  );
}

afterAll(async () => {
  for (const server of servers) await server.stop().catch(() => {});
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  // Anything still running on our directories was started by these tests.
  for (const dir of dataDirs) {
    for (const pid of postmastersOf(dir)) process.kill(pid, "SIGINT");
    await waitUntil(() => postmastersOf(dir).length === 0, `no server runs in ${dir}`).catch(() => {
      for (const pid of postmastersOf(dir)) process.kill(pid, "SIGKILL");
    });
    rmSync(dir, { recursive: true, force: true });
  }
});

// Process inspection goes through /proc (Linux), like lib/db/embedded.ts's own checks.
describe.skipIf(!existsSync("/proc/self/stat"))("startEmbeddedPostgres", () => {
  it("shares a live owner's server, or refuses it naming the owner's pid", async () => {
    const dir = tempDataDir();
    const owner = await startInChild(dir);
    await sql(owner.url, `CREATE TABLE marker (v text); INSERT INTO marker VALUES ('from the owner')`);
    expect(ownerFile(dir).pid).toBe(owner.pid);

    const shared = await startEmbeddedPostgres({ dataDir: dir, whenInUse: "share" });
    expect(shared.owned).toBe(false);
    expect(shared.url).toBe(owner.url);
    expect(new URL(shared.url).port).toBe(new URL(owner.url).port);
    await shared.stop(); // a sharer must not stop the owner's server
    expect(await sql(owner.url, `SELECT v FROM marker`)).toEqual([{ v: "from the owner" }]);

    // "refuse" first gives the holder 30 s to finish (a CLI command, say); fake clocks skip the wait.
    const logs: string[] = [];
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    let outcome: unknown = "pending";
    try {
      const attempt = startEmbeddedPostgres({ dataDir: dir, whenInUse: "refuse", log: (line) => logs.push(line) }).then(
        () => (outcome = "started"),
        (err: unknown) => (outcome = err),
      );
      await vi.advanceTimersByTimeAsync(25_000);
      expect(outcome).toBe("pending");
      await vi.advanceTimersByTimeAsync(10_000);
      await attempt;
    } finally {
      vi.useRealTimers();
    }
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toContain(`in use by another Tracewell process (pid ${owner.pid})`);
    expect(logs.join("\n")).toContain(`in use by process ${owner.pid}`);
    expect(await sql(owner.url, `SELECT count(*)::int AS n FROM marker`)).toEqual([{ n: 1 }]);
  });

  it("waits for the process holding the server to stop, then takes over", async () => {
    const dir = tempDataDir();
    const holder = await startInChild(dir);
    await sql(holder.url, `CREATE TABLE marker (v text); INSERT INTO marker VALUES ('handed over')`);
    const [postmaster] = postmastersOf(dir);
    expect(postmaster).toBeDefined();

    const starting = startEmbeddedPostgres({ dataDir: dir, whenInUse: "refuse" });
    // The holder stops its server cleanly on SIGTERM.
    holder.child.kill("SIGTERM");
    await exited(holder.child);
    expect(holder.child.exitCode).toBe(0);
    expect(isAlive(postmaster!)).toBe(false);

    const server = await starting;
    servers.push(server);
    expect(server.owned).toBe(true);
    expect(await sql(server.url, `SELECT v FROM marker`)).toEqual([{ v: "handed over" }]);
    await server.stop();
    expect(processesUsing(dir)).toEqual([]);
    expect(existsSync(path.join(dir, "postgres.owner"))).toBe(false);
  });

  it("recovers the orphaned server of an owner killed with SIGKILL, keeping the data", async () => {
    const dir = tempDataDir();
    const owner = await startInChild(dir);
    await sql(owner.url, `CREATE TABLE marker (v text); INSERT INTO marker VALUES ('survives')`);
    const [orphan] = postmastersOf(dir);
    expect(orphan).toBeDefined();

    owner.child.kill("SIGKILL");
    await exited(owner.child);
    expect(isAlive(orphan!)).toBe(true); // the server outlived its owner
    expect(ownerFile(dir).pid).toBe(owner.pid);

    const logs: string[] = [];
    const server = await startEmbeddedPostgres({ dataDir: dir, whenInUse: "refuse", log: (line) => logs.push(line) });
    servers.push(server);
    expect(server.owned).toBe(true);
    expect(isAlive(orphan!)).toBe(false);
    expect(logs.join("\n")).toContain(`left behind by an earlier run (pid ${orphan})`);
    expect(await sql(server.url, `SELECT v FROM marker`)).toEqual([{ v: "survives" }]);
    expect(ownerFile(dir).pid).toBe(process.pid);

    await server.stop();
    await server.stop(); // idempotent
    expect(processesUsing(dir)).toEqual([]);
    expect(existsSync(path.join(dir, "postgres.owner"))).toBe(false);
  });

  it("recovers from a stale postmaster.pid, whether its pid is dead or reused by another process", async () => {
    const dir = tempDataDir();
    let server = await startEmbeddedPostgres({ dataDir: dir, whenInUse: "refuse" });
    servers.push(server);
    const password = readFileSync(path.join(dir, "postgres.password"), "utf8");
    await sql(server.url, `CREATE TABLE marker (v text); INSERT INTO marker VALUES ('kept')`);
    await server.stop();
    expect(processesUsing(dir)).toEqual([]);

    // A crash leaves postmaster.pid behind; its pid may be gone…
    writePostmasterPid(dir, await deadPid());
    server = await startEmbeddedPostgres({ dataDir: dir, whenInUse: "refuse" });
    servers.push(server);
    expect(server.owned).toBe(true);
    expect(await sql(server.url, `SELECT v FROM marker`)).toEqual([{ v: "kept" }]);
    await server.stop();

    // …or belong to an unrelated live process, which must be left alone.
    const bystander = spawn("sleep", ["60"], { stdio: "ignore" });
    children.push(bystander);
    writePostmasterPid(dir, bystander.pid!);
    server = await startEmbeddedPostgres({ dataDir: dir, whenInUse: "refuse" });
    servers.push(server);
    expect(await sql(server.url, `SELECT v FROM marker`)).toEqual([{ v: "kept" }]);
    expect(isAlive(bystander.pid!)).toBe(true);
    expect(readFileSync(path.join(dir, "postgres.password"), "utf8")).toBe(password);
    await server.stop();
    bystander.kill("SIGKILL");
    await exited(bystander);
    expect(processesUsing(dir)).toEqual([]);
  });
});
