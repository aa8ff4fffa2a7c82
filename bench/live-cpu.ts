/**
 * bench:live's CPU accounting (Linux /proc): how much of the machine the app server, PostgreSQL
 * (every process of the cluster that pg_stat_activity lists: backends, WAL writer, checkpointer …)
 * and this benchmark itself used over a stretch of time, to tell where a run's time went.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import type pg from "pg";

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime of a process in ms; 0 once it is gone. */
function processMs(pid: number): number {
  try {
    // The command name (field 2) may hold spaces: count fields from after its closing parenthesis.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** Busy ms of all cores together (everything but idle and iowait). */
function machineMs(): number {
  const [, ...values] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const ticks = values.map(Number);
  const idle = ticks[3]! + ticks[4]!;
  return (ticks.reduce((a, b) => a + b, 0) - idle) * TICK_MS;
}

interface Reading {
  at: number;
  server: number;
  postgres: Map<number, number>;
  bench: number;
  machine: number;
}

async function read(serverPid: number, db: pg.Client): Promise<Reading> {
  const { rows } = await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity`);
  const bench = process.cpuUsage();
  return {
    at: performance.now(),
    server: processMs(serverPid),
    postgres: new Map(rows.map((r) => [r.pid, processMs(r.pid)])),
    bench: (bench.user + bench.system) / 1000,
    machine: machineMs(),
  };
}

/** Starts counting; the returned function stops and describes the shares (in % of one core). */
export async function cpuMeter(serverPid: number, db: pg.Client): Promise<() => Promise<string>> {
  const start = await read(serverPid, db);
  return async () => {
    const end = await read(serverPid, db);
    const wall = end.at - start.at;
    const share = (used: number) => `${((100 * used) / wall).toFixed(0)}%`;
    let postgres = 0;
    for (const [pid, ms] of end.postgres) postgres += ms - (start.postgres.get(pid) ?? 0);
    const cores = os.cpus().length;
    const [server, bench, machine] = [end.server - start.server, end.bench - start.bench, end.machine - start.machine];
    return (
      `CPU over ${(wall / 1000).toFixed(1)} s (100% = one core): app server ${share(server)}, PostgreSQL ${share(postgres)}, this benchmark ${share(bench)}, ` +
      `anything else ${share(Math.max(0, machine - server - postgres - bench))}; the machine ${share(machine)} of ${cores * 100}%`
    );
  };
}
