import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");

/** Gone, or a zombie (killed; waiting to be reaped by whoever inherited it). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

// The CLI awaits extraction in the pool; an idle worker must neither keep it running afterwards
// nor outlive it. spawnSync's timeout is the failure mode: a process held open by its worker.
it("a process that used the pool exits on its own, and its workers go with it", async () => {
  const run = spawnSync(process.execPath, ["--import", "tsx/esm", "test/unit/ingest/pool-exit-script.ts"], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 90_000,
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(ROOT, "tsconfig.json") },
  });
  expect(run.error, run.stderr).toBeUndefined();
  expect(run.status, run.stderr).toBe(0);
  const { ok, pids } = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { ok: boolean; pids: number[] };
  expect(ok).toBe(true);
  expect(pids.length).toBeGreaterThan(0);
  // SIGKILL was sent as the process exited; give the kernel a moment to tear the worker down.
  for (let i = 0; i < 40 && pids.some(alive); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(pids.filter(alive)).toEqual([]);
}, 120_000);
