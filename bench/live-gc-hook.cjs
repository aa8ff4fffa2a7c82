// bench:live loads this into the app server (NODE_OPTIONS="--expose-gc --require …"). Measurement
// only; the server does nothing else with it.
//   SIGUSR2: a full garbage collection, so that the memory /api/v1/live reports next is what is
//            live, not what happens to await collection.
//   SIGWINCH: prints the event loop's delay since the previous SIGWINCH (one line on stdout,
//            "[bench-live] event-loop-delay {…}" in ms) and starts counting afresh.
"use strict";
const { monitorEventLoopDelay } = require("node:perf_hooks");

if (typeof globalThis.gc === "function") process.on("SIGUSR2", () => globalThis.gc());

const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
process.on("SIGWINCH", () => {
  const msOf = (ns) => Math.round(ns / 1e4) / 100;
  const figures = { p50: msOf(delay.percentile(50)), p95: msOf(delay.percentile(95)), p99: msOf(delay.percentile(99)), max: msOf(delay.max), mean: msOf(delay.mean) };
  process.stdout.write(`[bench-live] event-loop-delay ${JSON.stringify(figures)}\n`);
  delay.reset();
});
