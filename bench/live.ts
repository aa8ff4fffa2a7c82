/**
 * npm run bench:live — issue 13's live updates under load: 50 subscribers on one document's event
 * stream (GET /api/v1/documents/{id}/events; 10 readers, each subscriber one browser tab), 1,000
 * changes (4 creates to 1 update) written through the API at a steady 50 per second by one
 * writer, open loop (each write starts on schedule, not when the previous one answered).
 *   - For every change: its write latency (request sent → response read), and for every subscriber
 *     the time from the write's commit to that subscriber parsing the event. The commit itself is
 *     not visible from outside; the moment the write's response arrived stands in for it (the server
 *     answers after commit, so this understates the true figure by the response's way back). Also
 *     printed: the same from the request's start, where the time goes (the sealer's signed
 *     checkpoint that gave the change its position, read from the database afterwards), and the
 *     CPU each process used.
 *   - Every subscriber must receive every change exactly once, in strictly increasing cursor order.
 *   - The server's memory per idle stream: /api/v1/live's process.memoryUsage() with none open,
 *     with BENCH_LIVE_IDLE open (each its own tab), and after closing them again (a leak shows as
 *     memory that does not come back). Each sample follows a full GC (bench/live-gc-hook.cjs).
 * Targets (issue 13): p95 commit → received ≤ 250 ms, no change missed, an idle stream < 100 KB.
 * Runs a throwaway embedded PostgreSQL and the built app (`next build` first; TRACEWELL_NEXT_DIST_DIR
 * picks the build directory, as for `next build`). Smaller or other runs: BENCH_LIVE_SUBSCRIBERS
 * (0: the writes alone), BENCH_LIVE_CHANGES, BENCH_LIVE_RATE (writes/s), BENCH_LIVE_IDLE;
 * BENCH_LIVE_SERVER_NODE_OPTIONS is added to the server's NODE_OPTIONS (e.g. --require of a profiling hook).
 */
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ENTITY_TYPES } from "@/lib/annotations/attribute-values";
import { createPastedDocument } from "@/lib/documents/upload-documents";
import { versionOf, type AnnotationEventType } from "@/lib/live/feed";
import { addMember } from "@/lib/memberships/add-member";
import { createProject } from "@/lib/projects/create-project";
import { startServer, type RunningServer } from "../test/helpers/server";
import { makeUserWithToken } from "../test/helpers/users";
import { withBenchDatabase } from "./bench-database";
import { median, ms, percentile } from "./latency-stats";
import { cpuMeter } from "./live-cpu";
import { subscribe, wallClock, type Subscriber } from "./live-subscriber";

function count(name: string, fallback: number, least = 1): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < least) throw new Error(`${name} must be a whole number ≥ ${least}, not ${raw}`);
  return value;
}

const SUBSCRIBERS = count("BENCH_LIVE_SUBSCRIBERS", 50, 0);
const CHANGES = count("BENCH_LIVE_CHANGES", 1000);
const RATE = count("BENCH_LIVE_RATE", 50);
const IDLE = count("BENCH_LIVE_IDLE", 200);
/** People behind the subscribers (each subscriber is one browser tab of one of them). */
const READERS = 10;
/** Changes before the measured ones, with the subscribers open: every path compiled and warm. */
const WARM_UP = 50;
/** Every UPDATE_EVERY-th change updates an earlier annotation instead of creating one. */
const UPDATE_EVERY = 5;
/** How long after the last write's answer the subscribers may take to catch up before the rest counts as missed. */
const DRAIN_MS = 15_000;
/** A subscriber's stamping ends with the run; this only bounds a run that hangs. */
const MAX_RUN_MS = 30 * 60_000;
const TARGET_P95_MS = 250;
const TARGET_IDLE_KB = 100;

const sleep = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));
const figures = (xs: number[]) => (xs.length ? `p50 ${ms(percentile(xs, 50))}, p95 ${ms(percentile(xs, 95))}, max ${ms(Math.max(...xs))}` : "none");
const verdict = (met: boolean) => (met ? "PASS" : "MISS");
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** A ~74 KB ASCII text (code points are UTF-16 units), and every word of it as a span. */
function benchText() {
  const lines: string[] = [];
  for (let i = 0; i < 1000; i++) lines.push(`Report ${i}: the monitor counted ${(i * 37) % 9000} families near checkpoint K${i % 13} on day ${i % 31}.`);
  const text = lines.join("\n");
  const spans = [...text.matchAll(/[A-Za-z0-9]+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, exact: m[0] }));
  return { text, spans };
}

type Span = ReturnType<typeof benchText>["spans"][number];
type Reader = Awaited<ReturnType<typeof makeUserWithToken>>;

interface Write {
  kind: "create" | "update";
  sentAt: number;
  doneAt: number;
  /** `annotationId@version` of the change it made; null when it failed. */
  key: string | null;
  failure?: string;
}

type Memory = { rss: number; heapUsed: number; external: number; arrayBuffers: number };

interface LiveStats {
  hub: { streams: number; replaying: number; buffered: number; presence: { local: number; total: number }; head: number; known: number; listening: boolean } | null;
  connections: number;
  memory: Memory;
}

/** The app under test, as the benchmark talks to it. */
interface Bench {
  server: RunningServer;
  api: string;
  owner: Reader;
  readers: Reader[];
  documentId: string;
  spans: Span[];
  stats(): Promise<LiveStats>;
  /** A stream of the bench document in a tab of its own, as the i-th reader round-robin. */
  open(tab: string, i: number): Promise<Subscriber>;
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** One writer: `total` changes, the i-th started at start + i / RATE seconds; every UPDATE_EVERY-th updates an earlier create. */
async function writeChanges(bench: Bench, total: number): Promise<Write[]> {
  const ready: { id: string; version: number }[] = [];
  let spanAt = 0;
  const write = async (i: number): Promise<Write> => {
    const target = i % UPDATE_EVERY === UPDATE_EVERY - 1 ? ready.shift() : undefined;
    const span = bench.spans[(spanAt++ * 7) % bench.spans.length]!;
    const request = target
      ? { method: "PATCH", path: `/annotations/${target.id}`, body: { version: target.version, attributes: { type: ENTITY_TYPES[i % ENTITY_TYPES.length] } } }
      : { method: "POST", path: `/documents/${bench.documentId}/annotations`, body: { label: "Entity", ...span } };
    const kind = target ? "update" : "create";
    const sentAt = wallClock();
    try {
      const res = await fetch(`${bench.api}${request.path}`, {
        method: request.method,
        headers: { ...auth(bench.owner.token), "content-type": "application/json" },
        body: JSON.stringify(request.body),
      });
      const answer = (await res.json()) as { id: string; version: number };
      const doneAt = wallClock();
      if (res.status !== (target ? 200 : 201)) return { kind, sentAt, doneAt, key: null, failure: `${res.status} ${JSON.stringify(answer)}` };
      if (!target) ready.push({ id: answer.id, version: answer.version });
      return { kind, sentAt, doneAt, key: `${answer.id}@${answer.version}` };
    } catch (err) {
      return { kind, sentAt, doneAt: wallClock(), key: null, failure: (err as Error).message };
    }
  };
  const started = wallClock() + 50;
  const pending: Promise<Write>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = started + (i * 1000) / RATE - wallClock();
    if (wait > 0) await sleep(wait);
    pending.push(write(i));
  }
  return Promise.all(pending);
}

/** The server's event loop delay since the last call (bench/live-gc-hook.cjs prints it on SIGWINCH). */
async function eventLoopDelay(server: RunningServer): Promise<string> {
  const from = server.output().length;
  const pattern = /\[bench-live\] event-loop-delay (\{.*\})\n/;
  server.child.kill("SIGWINCH");
  await until("the server's event loop figures", () => pattern.test(server.output().slice(from)), 5000);
  const f = JSON.parse(pattern.exec(server.output().slice(from))![1]!) as Record<"p50" | "p95" | "p99" | "max" | "mean", number>;
  return `p50 ${ms(f.p50)}, p95 ${ms(f.p95)}, p99 ${ms(f.p99)}, max ${ms(f.max)} (5 ms timer)`;
}

/** Each change's position and when the sealer signed the checkpoint that covers it, keyed `annotationId@version`. */
async function sealedSince(db: pg.Client, after: number): Promise<{ sealedAt: Map<string, number>; rounds: number }> {
  const { rows } = await db.query<{ subjectId: string; action: AnnotationEventType; data: { version?: number }; sealed: string }>(
    `SELECT e."subjectId", e."action", e."data", c."timestamp" AS "sealed"
       FROM "AuditSeal" s JOIN "AuditEvent" e ON e."seq" = s."eventSeq"
       CROSS JOIN LATERAL (SELECT "timestamp" FROM "AuditCheckpoint" WHERE "treeSize" >= s."seq" ORDER BY "treeSize" LIMIT 1) c
      WHERE s."seq" > $1::bigint AND e."subjectType" = 'annotation'`,
    [String(after)],
  );
  const rounds = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM "AuditCheckpoint" WHERE "treeSize" > $1::bigint`, [String(after)]);
  return { sealedAt: new Map(rows.map((r) => [`${r.subjectId}@${versionOf(r.action, r.data)}`, Date.parse(r.sealed)])), rounds: Number(rounds.rows[0]!.n) };
}

/** The subscribers, the writes, and what arrived. Returns the p95 and whether every change arrived once, in order. */
async function measureDelivery(bench: Bench, db: pg.Client): Promise<{ p95: number; intact: boolean; summary: string }> {
  const subs: Subscriber[] = [];
  try {
    for (let i = 0; i < SUBSCRIBERS; i++) subs.push(await bench.open(`bench-sub-${i}`, i));
    // Live once the hub has sent each its first presence frame (sent after the stream's catch-up).
    await until("every subscriber to be live", () => subs.every((s) => s.presence > 0), 30_000);
    await until(`the hub to count ${SUBSCRIBERS} streams`, async () => ((await bench.stats()).hub?.streams ?? 0) === SUBSCRIBERS, 10_000);
    const caughtUp = (keys: Set<string>) => subs.every((s) => s.arrivals.length >= keys.size);

    const warm = await writeChanges(bench, WARM_UP);
    const warmKeys = new Set(warm.flatMap((w) => (w.key ? [w.key] : [])));
    await until("the warm-up changes to reach every subscriber", () => caughtUp(warmKeys), DRAIN_MS);
    await sleep(500);
    for (const sub of subs) sub.arrivals.length = 0;
    const before = Number((await db.query<{ n: string | null }>(`SELECT max("seq")::text AS n FROM "AuditSeal"`)).rows[0]!.n ?? 0);
    const presenceBefore = subs.reduce((n, s) => n + s.presence, 0);

    console.log(
      `${SUBSCRIBERS} subscribers (${READERS} readers, one tab each) on one document; ` +
        `${CHANGES.toLocaleString("en")} changes (${UPDATE_EVERY - 1} creates : 1 update) at ${RATE}/s by one writer, after ${WARM_UP} to warm up`,
    );
    const stopMeter = await cpuMeter(bench.server.child.pid!, db);
    await eventLoopDelay(bench.server);
    const writes = await writeChanges(bench, CHANGES);
    const lastAnswer = Math.max(...writes.map((w) => w.doneAt));
    const done = writes.filter((w): w is Write & { key: string } => w.key !== null);
    const expected = new Set(done.map((w) => w.key));
    await until("the subscribers to catch up", () => caughtUp(expected) || wallClock() > lastAnswer + DRAIN_MS, DRAIN_MS + 5000);
    const cpu = await stopMeter();
    const loopDelay = await eventLoopDelay(bench.server);

    // Per subscriber: the first arrival of each change, and what arrived twice, out of order or unasked.
    let missed = 0;
    let duplicated = 0;
    let outOfOrder = 0;
    let unexpected = 0;
    const received = subs.map((sub) => {
      const first = new Map<string, number>();
      let previous = -Infinity;
      for (const arrival of sub.arrivals) {
        if (arrival.cursor <= previous) outOfOrder++;
        previous = arrival.cursor;
        if (!expected.has(arrival.key)) unexpected++;
        else if (first.has(arrival.key)) duplicated++;
        else first.set(arrival.key, arrival.at);
      }
      missed += expected.size - first.size;
      return first;
    });
    const { sealedAt, rounds } = await sealedSince(db, before);
    const fromAnswer: number[] = [];
    const fromRequest: number[] = [];
    const answerToSealed: number[] = [];
    const sealedToFirst: number[] = [];
    const sealedToLast: number[] = [];
    for (const w of done) {
      const times = received.flatMap((first) => (first.has(w.key) ? [first.get(w.key)!] : []));
      for (const at of times) {
        fromAnswer.push(at - w.doneAt);
        fromRequest.push(at - w.sentAt);
      }
      const sealed = sealedAt.get(w.key);
      if (sealed === undefined) continue;
      answerToSealed.push(sealed - w.doneAt);
      if (!times.length) continue;
      sealedToFirst.push(Math.min(...times) - sealed);
      sealedToLast.push(Math.max(...times) - sealed);
    }
    const starts = writes.map((w) => w.sentAt);
    const seconds = (Math.max(...starts) - Math.min(...starts)) / 1000;
    const intact = missed === 0 && duplicated === 0 && outOfOrder === 0;
    const p95 = fromAnswer.length ? percentile(fromAnswer, 95) : NaN;

    console.log(
      `  writes: ${done.length.toLocaleString("en")} of ${writes.length.toLocaleString("en")} answered 2xx ` +
        `(${done.filter((w) => w.kind === "create").length} creates, ${done.filter((w) => w.kind === "update").length} updates), ` +
        `started over ${seconds.toFixed(1)} s: ${((writes.length - 1) / seconds).toFixed(1)}/s`,
    );
    for (const f of writes.filter((w) => w.key === null).slice(0, 3)) console.log(`    failed ${f.kind}: ${f.failure}`);
    console.log(`  write latency (request sent → response read)          ${figures(writes.map((w) => w.doneAt - w.sentAt))}`);
    console.log(`  commit → received (response read → event parsed)     ${figures(fromAnswer)} over ${fromAnswer.length.toLocaleString("en")} (subscriber, change) pairs`);
    console.log(`  request sent → received                               ${figures(fromRequest)}`);
    console.log(`  response read → sealed (checkpoint signed)            ${figures(answerToSealed)}; ${rounds} seal rounds, ${(sealedAt.size / Math.max(1, rounds)).toFixed(1)} changes each`);
    console.log(`  sealed → first subscriber                             ${figures(sealedToFirst)}`);
    console.log(`  sealed → last subscriber                              ${figures(sealedToLast)}`);
    console.log(`  ${cpu}`);
    console.log(`  the server's event loop delay meanwhile: ${loopDelay}`);
    console.log(
      `  delivery: missed ${missed}, duplicated ${duplicated}, out of cursor order ${outOfOrder}, not from this run ${unexpected}; ` +
        `streams ended by the server ${subs.filter((s) => s.client.isEnded()).length}; presence frames meanwhile ${subs.reduce((n, s) => n + s.presence, 0) - presenceBefore}`,
    );
    const summary = `missed ${missed}, duplicated ${duplicated}, out of order ${outOfOrder}`;
    return { p95, intact, summary };
  } finally {
    for (const sub of subs) sub.close();
  }
}

/** Server memory per idle stream, from full-GC samples with none open, IDLE open, and none again. */
async function measureIdle(bench: Bench, db: pg.Client): Promise<number> {
  const quiet = async () => {
    const s = await bench.stats();
    return (s.hub?.streams ?? 0) === 0 && s.connections === 0 && (s.hub?.presence.total ?? 0) === 0;
  };
  await until("the hub to drop every stream", quiet, 10_000);
  const sample = async () => {
    const taken: Memory[] = [];
    for (let i = 0; i < 5; i++) {
      bench.server.child.kill("SIGUSR2"); // a full GC (bench/live-gc-hook.cjs)
      await sleep(400);
      taken.push((await bench.stats()).memory);
    }
    const of = (pick: (m: Memory) => number) => median(taken.map(pick));
    return { rss: of((m) => m.rss), heapUsed: of((m) => m.heapUsed), external: of((m) => m.external + m.arrayBuffers) };
  };
  await sleep(1000);
  const base = await sample();
  const idle: Subscriber[] = [];
  const stopMeter = await cpuMeter(bench.server.child.pid!, db);
  const opening = wallClock();
  try {
    for (let i = 0; i < IDLE; i += 25) {
      idle.push(...(await Promise.all(Array.from({ length: Math.min(25, IDLE - i) }, (_, k) => bench.open(`bench-idle-${i + k}`, i + k)))));
    }
    await until("every idle stream to be live", () => idle.every((s) => s.presence > 0), 120_000);
    await until(`the hub to count ${IDLE} streams`, async () => (await bench.stats()).hub?.streams === IDLE, 10_000);
    // Settled once the presence frames of the last joins (coalesced for 30 ms) stop arriving.
    const received = () => idle.reduce((n, s) => n + s.dataBytes, 0);
    let bytes = -1;
    while (bytes !== received()) {
      bytes = received();
      await sleep(300);
    }
    const openedIn = wallClock() - opening;
    const cpu = await stopMeter();
    const loaded = await sample();
    for (const sub of idle.splice(0)) sub.close();
    await until("the hub to drop the idle streams", quiet, 10_000);
    const after = await sample();
    const per = (pick: (m: typeof base) => number) => (pick(loaded) - pick(base)) / IDLE;
    const left = (pick: (m: typeof base) => number) => (pick(after) - pick(base)) / IDLE;
    console.log(`${IDLE} idle streams (each its own tab, ${READERS} readers) on the same document, opened 25 at a time`);
    console.log(`  open and settled in ${ms(openedIn)}; presence frames the streams received meanwhile: ${mb(bytes)} in all, ${kb(bytes / IDLE)} per stream`);
    console.log(`  ${cpu}`);
    console.log(`  server memory after a full GC (median of 5)   none open → ${IDLE} open → closed again   per open stream   left per stream`);
    for (const [name, pick] of [
      ["heapUsed", (m: typeof base) => m.heapUsed],
      ["external + arrayBuffers", (m: typeof base) => m.external],
      ["rss", (m: typeof base) => m.rss],
    ] as const) {
      console.log(`    ${name.padEnd(42)} ${mb(pick(base)).padStart(8)} → ${mb(pick(loaded)).padStart(8)} → ${mb(pick(after)).padStart(8)}   ${kb(per(pick)).padStart(9)}   ${kb(left(pick)).padStart(9)}`);
    }
    return per((m) => m.heapUsed + m.external);
  } finally {
    for (const sub of idle) sub.close();
  }
}

async function main() {
  await withBenchDatabase(async (url) => {
    const owner = await makeUserWithToken({ name: "Bench Owner", isAdmin: true });
    const project = await createProject({ actorId: owner.user.id, input: { name: "Live bench" } });
    const { text, spans } = benchText();
    const document = (await createPastedDocument({ actorId: owner.user.id, projectId: project.id, input: { title: "Live bench", text } })).document;
    const readers: Reader[] = [];
    for (let i = 0; i < READERS; i++) {
      const reader = await makeUserWithToken({ name: `Reader ${i + 1}` });
      await addMember({ actorId: owner.user.id, projectId: project.id, input: { email: reader.user.email, role: "viewer" } });
      readers.push(reader);
    }

    // As in production: the owner URL only, and the server runs as the app role it manages itself.
    // With a hook that runs a full GC on SIGUSR2, for the memory figures.
    const gcHook = path.join(import.meta.dirname, "live-gc-hook.cjs");
    const nodeOptions = [process.env.NODE_OPTIONS, `--expose-gc --require "${gcHook}"`, process.env.BENCH_LIVE_SERVER_NODE_OPTIONS].filter(Boolean).join(" ");
    const server = await startServer({ database: { url, appUrl: "" }, env: { NODE_OPTIONS: nodeOptions } });
    const api = `${server.url}/api/v1`;
    const bench: Bench = {
      server,
      api,
      owner,
      readers,
      documentId: document.id,
      spans,
      async stats() {
        const res = await fetch(`${api}/live`, { headers: auth(owner.token) });
        if (!res.ok) throw new Error(`/api/v1/live answered ${res.status}`);
        return (await res.json()) as LiveStats;
      },
      open: (tab, i) => subscribe(`${api}/documents/${document.id}/events?tab=${tab}`, auth(readers[i % READERS]!.token), MAX_RUN_MS),
    };
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const delivery = await measureDelivery(bench, db);
      const perStream = await measureIdle(bench, db);
      const p95 = Number.isNaN(delivery.p95) ? "no subscribers" : `${verdict(delivery.p95 <= TARGET_P95_MS)} (${ms(delivery.p95)})`;
      console.log(`targets: commit → received p95 ≤ ${TARGET_P95_MS} ms: ${p95}`);
      console.log(`         no change missed: ${verdict(delivery.intact)} (${delivery.summary})`);
      console.log(`         an idle stream < ${TARGET_IDLE_KB} KB: ${verdict(perStream < TARGET_IDLE_KB * 1024)} (${kb(perStream)}: heapUsed + external + arrayBuffers after GC)`);
      const cpu = os.cpus()[0]?.model ?? "unknown CPU";
      console.log(`machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB RAM, Node ${process.version}`);
    } catch (err) {
      if (process.env.BENCH_LIVE_SERVER_LOG) console.error(server.output());
      throw err;
    } finally {
      await db.end();
      await server.stop();
    }
  });
}

await main();
