/**
 * bench:editor (c): API creates on one document at 16 and at 64 concurrent clients, the app next to
 * the bare server (bench/bare-create-server.ts: node:http + pg doing the same writes) in the same
 * run, and the audit seal lag while the app is under that load. Prints figures and how they stand
 * against issue 12's targets; decides nothing.
 */
import { fork } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { pgQuery, sealLag } from "@/lib/audit/log-store";
import { freePort } from "@/lib/db/embedded";
import { ms, percentile } from "./latency-stats";

const TARGET_THROUGHPUT = 0.7;
const TARGET_P95 = 2;
const TARGET_LAG_MS = 1000;
const LAG_SAMPLE_MS = 100;

export interface CreateLoad {
  root: string;
  /** The app, e.g. http://localhost:PORT. */
  baseURL: string;
  databaseUrl: string;
  /** A write token of a member of the document's project, with a label named "Entity". */
  secret: string;
  documentId: string;
  /** How the output names the document. */
  documentName: string;
  /** Spans of the document's text to annotate (code points), used round-robin. */
  spans: { start: number; end: number; exact: string }[];
  creates: number;
  warmUp: number;
  clientCounts: readonly number[];
}

interface Timed {
  seconds: number;
  latencies: number[];
}

interface Figures {
  rate: number;
  p50: number;
  p95: number;
}

async function concurrently(total: number, clients: number, task: (i: number) => Promise<void>): Promise<Timed> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t = performance.now();
        await task(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies };
}

const figures = ({ seconds, latencies }: Timed): Figures => ({
  rate: latencies.length / seconds,
  p50: percentile(latencies, 50),
  p95: percentile(latencies, 95),
});

const show = (f: Figures, unit = "creates/s") => `${f.rate.toFixed(0).padStart(4)} ${unit}, p50 ${ms(f.p50)}, p95 ${ms(f.p95)}`;
const verdict = (met: boolean) => (met ? "met" : "missed");

/** Starts bench/bare-create-server.ts on a free port; resolves once it listens. */
async function startBare(root: string, databaseUrl: string) {
  const port = await freePort();
  const child = fork(path.join(root, "bench", "bare-create-server.ts"), [], { env: { ...process.env, DATABASE_URL: databaseUrl, BARE_PORT: String(port) } });
  await new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("exit", (code) => reject(new Error(`the bare create server exited with ${code}`)));
  });
  return {
    url: `http://localhost:${port}`,
    stop() {
      child.removeAllListeners("exit");
      child.disconnect();
      child.kill();
    },
  };
}

/** The seal lag as admins see it in /api/v1/health, every LAG_SAMPLE_MS until the returned function is called. */
function sampleSealLag(client: pg.Client): () => Promise<number[]> {
  const samples: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      samples.push((await sealLag(pgQuery(client))).lagMs);
      await new Promise((resolve) => setTimeout(resolve, LAG_SAMPLE_MS));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return samples;
  };
}

/** Waits (up to 30 s) until the app's sealer has sealed every event, so each run starts from none waiting. */
async function waitUntilSealed(client: pg.Client): Promise<void> {
  const until = Date.now() + 30_000;
  while ((await sealLag(pgQuery(client))).unsealed > 0) {
    if (Date.now() > until) throw new Error("the app's sealer left events unsealed for 30 s: is it running?");
    await new Promise((resolve) => setTimeout(resolve, LAG_SAMPLE_MS));
  }
}

export async function measureCreates(load: CreateLoad): Promise<void> {
  const { baseURL, secret, documentId, spans, creates, warmUp, clientCounts } = load;
  const creator = (base: string, offset: number) => async (i: number) => {
    const span = spans[(i * 7 + offset) % spans.length]!;
    const res = await fetch(`${base}/documents/${documentId}/annotations`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ label: "Entity", start: span.start, end: span.end, exact: span.exact }),
    });
    if (res.status !== 201) throw new Error(`${base} answered a create with ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  };
  const app = `${baseURL}/api/v1`;
  const bare = await startBare(load.root, load.databaseUrl);
  const db = new pg.Client({ connectionString: load.databaseUrl });
  await db.connect();
  try {
    await concurrently(warmUp, clientCounts[0]!, creator(bare.url, 1));
    await concurrently(warmUp, clientCounts[0]!, creator(app, 2));
    console.log(
      `(c) API creates on ${load.documentName}, ${creates.toLocaleString("en")} per run after ${warmUp} to warm up; ` +
        `bare: node:http + pg doing the same writes (bench/bare-create-server.ts)`,
    );
    const appRates: number[] = [];
    const bareRates: number[] = [];
    for (const [k, clients] of clientCounts.entries()) {
      const floor = figures(await concurrently(creates, clients, creator(bare.url, 3 + 2 * k)));
      await waitUntilSealed(db);
      const stopSampling = sampleSealLag(db);
      const ours = figures(await concurrently(creates, clients, creator(app, 4 + 2 * k)));
      const lags = await stopSampling();
      appRates.push(ours.rate);
      bareRates.push(floor.rate);
      const lagP95 = percentile(lags, 95);
      console.log(`    ${String(clients).padStart(2)} clients: app  ${show(ours)}  |  bare ${show(floor)}`);
      console.log(
        `                app ÷ bare: throughput ${(ours.rate / floor.rate).toFixed(2)}× (target ≥ ${TARGET_THROUGHPUT}×: ${verdict(ours.rate >= TARGET_THROUGHPUT * floor.rate)}), ` +
          `p95 ${(ours.p95 / floor.p95).toFixed(2)}× (target ≤ ${TARGET_P95}×: ${verdict(ours.p95 <= TARGET_P95 * floor.p95)}); ` +
          `seal lag p95 ${ms(lagP95)}, max ${ms(Math.max(...lags))} of ${lags.length} samples (target p95 ≤ 1 s: ${verdict(lagP95 <= TARGET_LAG_MS)})`,
      );
    }
    if (appRates.length > 1) {
      const [first, last] = [0, appRates.length - 1];
      const scaling = appRates[last]! / appRates[first]!;
      console.log(
        `    ${clientCounts[last]} ÷ ${clientCounts[first]} clients: app throughput ${scaling.toFixed(2)}× (target ≥ 1×: ${verdict(scaling >= 1)}), ` +
          `bare ${(bareRates[last]! / bareRates[first]!).toFixed(2)}×`,
      );
    }
    // Context: what Next.js itself answers here with no auth and one `SELECT 1`.
    const health = await concurrently(creates, clientCounts[0]!, async () => {
      const res = await fetch(`${baseURL}/api/v1/health`);
      if (!res.ok) throw new Error(`health answered ${res.status}`);
      await res.arrayBuffer();
    });
    console.log(`    context: GET /api/v1/health (no auth, SELECT 1) by ${clientCounts[0]} clients: ${show(figures(health), "requests/s")}`);
  } finally {
    bare.stop();
    await db.end();
  }
}
