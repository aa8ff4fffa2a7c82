#!/usr/bin/env node
// `npm start`: build only when the build's inputs changed since the last successful build (see
// build-stamp.mjs), then run `tracewell serve` in this same process, so Ctrl-C and SIGTERM reach
// serve's own shutdown (HTTP server, pool, embedded PostgreSQL) with nothing in between.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildInputsHash, buildIsCurrent, distDir, writeStamp } from "./build-stamp.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const hash = buildInputsHash(root);
if (buildIsCurrent(root, hash)) {
  console.log(`[tracewell] The build in ${path.relative(root, distDir(root)) || "."} is current; not rebuilding.`);
} else {
  console.log("[tracewell] Sources changed since the last build (or no build yet): running next build…");
  const next = path.join(root, "node_modules/next/dist/bin/next");
  const result = spawnSync(process.execPath, [next, "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeStamp(root, hash);
}
process.argv = [process.argv[0], path.join(root, "bin/tracewell.mjs"), "serve", ...process.argv.slice(2)];
await import("../bin/tracewell.mjs");
