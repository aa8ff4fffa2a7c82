/**
 * npm run bench:editor — the annotation editor on a ~1 MB text with 10,000 annotations.
 *   (a) time until the reader shows every highlight, next to Chromium rendering the same text as
 *       plain <p> paragraphs (the floor);
 *   (b) keypress-to-painted latency of tagging a span (p50/p95 of 50 tags), by the browser's Event
 *       Timing (keydown until the next frame is presented, as in INP) and by the main thread;
 *   (c) API create throughput and p50/p95 latency at 16 and at 64 concurrent clients, each next to
 *       the floor any HTTP server reaches here for the same writes (bench/bare-create-server.ts:
 *       node:http + pg, row + revision + audit event), and the audit seal lag under the app's load
 *       (the oldest unsealed event, as /api/v1/health shows admins, sampled every 100 ms).
 * Runs a throwaway embedded PostgreSQL and the built app (`next build` first; TRACEWELL_NEXT_DIST_DIR
 * picks the build directory, as for `next build`). Figures, not pass/fail; targets: (a) ≤ 2× the
 * floor (issue 4), (b) p95 ≤ 50 ms (issue 4), (c) (issue 12) ≥ 0.7× the bare server's throughput,
 * p95 ≤ 2× its p95, throughput at 64 clients not below that at 16, seal lag p95 ≤ 1 s.
 * While working on one part: BENCH_PARTS=b (or ac, …) runs only those; BENCH_CREATES=200 shortens
 * each run of (c) (default 1,600); BENCH_PROFILE=f.cpuprofile and BENCH_TRACE=f.json save a
 * Chromium CPU profile or performance trace of the tags.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import http from "node:http";
import { chmodSync, createWriteStream, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { chromium, type Page } from "playwright-core";
import { disconnectDb } from "@/lib/db/client";
import { freePort, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { uploadDocuments } from "@/lib/documents/upload-documents";
import { createProject } from "@/lib/projects/create-project";
import { CodePointIndex } from "@/lib/text/code-points";
import { createToken } from "@/lib/tokens/create-token";
import { createUser } from "@/lib/users/create-user";
import { median, ms, percentile } from "./latency-stats";
import { measureCreates } from "./measure-creates";

const ROOT = path.resolve(import.meta.dirname, "..");
const ANNOTATIONS = 10_000;
const TAGS = 50;
/** (c): the client counts, and the creates per run (BENCH_CREATES). */
const CLIENT_COUNTS = [16, 64] as const;
const CREATES = Number(process.env.BENCH_CREATES ?? 1_600);
if (!Number.isInteger(CREATES) || CREATES < 1) throw new Error(`BENCH_CREATES must be a positive whole number, not ${process.env.BENCH_CREATES}`);
/** (c): creates before the runs, so that both servers have compiled their hot path. */
const WARM_UP = 64;
const PASSWORD = "bench-password";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

const LINES = [
  "Officials told reporters that more than 6000 fighters had crossed the border near Torkham.",
  "A spokesman for the group, ذبيح الله مُجاهد, denied the report 🇦🇫 on Tuesday evening.",
  "Between 2,500 and 8,500 people were displaced, the monitor said 👨‍👩‍👧 in its weekly note.",
  "Nearly 400 families returned; 80 per cent of them to damaged homes in Nangarhar.",
  "روایت شده است که نزدیک به ۴۰۰ خانواده بازگشته‌اند و بیشتر خانه‌ها آسیب دیده‌اند.",
  "The ministry put the figure at 1.3 million, a claim that analysts in Kabul disputed ✊🏽.",
  "ISKP, also called Daesh-K or Islamic State Khorasan, claimed the attack on the checkpoint.",
  "𠀋 Astral CJK 𠀋 and combining marks: e\u0301lite, Zu\u0308rich, crème brûlée for good measure.",
  "",
];

function bigText(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = LINES[i % LINES.length]!;
    const text = line && i % 7 === 0 ? `${line} (#${i})` : line;
    parts.push(text);
    size += Buffer.byteLength(text) + 1;
  }
  return parts.join("\n");
}

interface Span {
  start: number;
  end: number;
  exact: string;
  line: number;
  /** UTF-16 offsets within the line. */
  from: number;
  to: number;
  /** Between spaces or punctuation: a browser selection of it holds exactly the word. */
  clean: boolean;
}

/** Every word of the text as a code-point span, with its line and UTF-16 place in that line. */
function words(text: string): Span[] {
  const index = new CodePointIndex(text);
  const spans: Span[] = [];
  let line = 0;
  let lineStart = 0;
  const pattern = /[\p{L}\p{N}][\p{L}\p{M}\p{N},.'-]*[\p{L}\p{M}\p{N}]|[\p{L}\p{N}]|\n/gu;
  for (const match of text.matchAll(pattern)) {
    if (match[0] === "\n") {
      line++;
      lineStart = match.index + 1;
      continue;
    }
    const from = match.index;
    const to = from + match[0].length;
    const clean = /^[\s,.;:()"]?$/.test(text[from - 1] ?? "") && /^[\s,.;:()"]?$/.test(text[to] ?? "");
    spans.push({ start: index.toCodePoint(from), end: index.toCodePoint(to), exact: match[0], line, from: from - lineStart, to: to - lineStart, clean });
  }
  return spans;
}

async function waitForHealth(baseURL: string, child: ChildProcess): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`tracewell serve exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${baseURL}/api/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("tracewell serve did not become healthy");
}

async function insertAnnotations(pool: pg.Pool, rows: { documentId: string; labelId: string; authorId: string; span: Span }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    await pool.query(
      `INSERT INTO "Annotation" ("id", "documentId", "labelId", "start", "end", "exact", "authorId", "updatedAt")
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[], $8::timestamp[])`,
      [
        batch.map(() => randomUUID()),
        batch.map((r) => r.documentId),
        batch.map((r) => r.labelId),
        batch.map((r) => r.span.start),
        batch.map((r) => r.span.end),
        batch.map((r) => r.span.exact),
        batch.map((r) => r.authorId),
        batch.map(() => new Date()),
      ],
    );
  }
}

/** Milliseconds from navigation until the page set window.__ready (after a frame). */
async function timeToReady(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready, undefined, { timeout: 120_000, polling: 50 });
  return page.evaluate(() => (window as unknown as { __ready: number }).__ready);
}

/** In the app: ready once the reader reports all highlights drawn and a frame has passed. */
const READY_SCRIPT = (count: number) => `
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-highlight-count="${count}"]')) {
      observer.disconnect();
      requestAnimationFrame(() => { window.__ready = performance.now(); });
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-highlight-count"] });`;

function floorPage(text: string): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const paragraphs = text.split("\n").map((line) => `<p dir="auto">${esc(line) || "<br>"}</p>`).join("");
  return `<!doctype html><html><head><meta charset="utf-8"><style>p{margin:0;min-height:2rem}div{max-width:80ch;white-space:pre-wrap;font:15px/2rem sans-serif}</style></head><body><div>${paragraphs}</div><script>requestAnimationFrame(() => { window.__ready = performance.now(); });</script></body></html>`;
}

/** In the page (plain JS: tsx would wrap named functions in a helper the page lacks). */
const ARM_TAG_SCRIPT = `{
  const seen = new Set([...document.querySelectorAll('.tw-hl-pending[data-annotation-id]')].map((el) => el.getAttribute("data-annotation-id")));
  window.__tag = new Promise((resolve) => {
    let t0 = 0, presented, drawn;
    const settle = () => drawn !== undefined && presented !== undefined && resolve({ presented, drawn });
    document.addEventListener("keydown", (event) => (t0 = event.timeStamp), { capture: true, once: true });
    const timing = new PerformanceObserver((list) => {
      const entry = list.getEntries().find((e) => e.name === "keydown" && Math.abs(e.startTime - t0) < 1);
      if (!entry) return;
      timing.disconnect();
      presented = entry.duration;
      settle();
    });
    timing.observe({ type: "event", durationThreshold: 16 });
    const observer = new MutationObserver(() => {
      const fresh = [...document.querySelectorAll('.tw-hl-pending[data-annotation-id]')].some((el) => !seen.has(el.getAttribute("data-annotation-id")));
      if (!fresh) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => {
        drawn = performance.now() - t0;
        // No entry within a while: the keydown took less than the 16 ms threshold.
        setTimeout(() => { if (presented === undefined) { timing.disconnect(); presented = 16; settle(); } }, 500);
        settle();
      }));
    });
    observer.observe(document.querySelector('[data-testid="document-text"]'), { subtree: true, childList: true, attributes: true });
  });
  undefined; // the value of this script: not the promise, which settles only after the key
}`;

interface TagTiming {
  /** Event Timing: from the keydown to the next frame presented after it was handled (8 ms steps; < 16 ms counts as 16). */
  presented: number;
  /** From the keydown until the main thread has drawn the frame that shows the new highlight. */
  drawn: number;
}

/** Selects a span by DOM ranges (as a mouse would), presses 2 and times until the new highlight is on screen. */
async function tagLatency(page: Page, span: Span): Promise<TagTiming> {
  // Focus first and let ProseMirror settle: right after focusing it puts its own selection back
  // into the DOM, which would undo a range set in the same moment.
  await page.evaluate(async () => {
    const root = document.querySelector('[data-testid="document-text"]') as HTMLElement;
    if (document.activeElement === root) return;
    root.focus({ preventScroll: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
  });
  await page.evaluate(({ line, from, to }) => {
    const root = document.querySelector('[data-testid="document-text"]') as HTMLElement;
    const paragraph = root.querySelectorAll("p")[line]!;
    paragraph.scrollIntoView({ block: "center" });
    // No named inner functions here: tsx would wrap them in a helper the page does not have.
    const points: [Node, number][] = [];
    for (const offset of [from, to]) {
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      let rest = offset;
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        if (rest <= node.data.length) {
          points.push([node, rest]);
          break;
        }
        rest -= node.data.length;
      }
    }
    if (points.length !== 2) throw new Error("offset outside the line");
    const range = document.createRange();
    range.setStart(...points[0]!);
    range.setEnd(...points[1]!);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  }, span);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const selected = await page.evaluate(() => String(getSelection()));
  if (selected !== span.exact) throw new Error(`the selection is ${JSON.stringify(selected)}, not ${JSON.stringify(span.exact)}`);
  // Armed before the key is sent: input events can overtake a pending evaluate. Two clocks: the
  // browser's Event Timing entry for the keydown (what INP is made of: until the next frame is
  // presented) and, as a cross-check, a task queued from the next animation frame after the
  // highlight appeared, which runs once that frame has been drawn.
  await page.evaluate(ARM_TAG_SCRIPT);
  await page.keyboard.press("2");
  const latency = await Promise.race([
    page.evaluate(() => (window as unknown as { __tag: Promise<{ presented: number; drawn: number }> }).__tag),
    new Promise<never>((_, reject) =>
      setTimeout(async () => {
        const state = await page
          .evaluate(() => ({
            selection: String(getSelection()),
            focus: document.activeElement?.getAttribute("data-testid") ?? document.activeElement?.tagName,
            messages: [...document.querySelectorAll('[role="status"], [role="alert"]')].map((el) => el.textContent).join(" | "),
          }))
          .catch((err: Error) => err.message);
        reject(new Error(`no highlight appeared for "${span.exact}" (line ${span.line}): ${JSON.stringify(state)}`));
      }, 15_000),
    ),
  ]);
  // The next tag starts once the server has answered (an analyst does not tag 50 spans a second).
  await page.waitForFunction(() => !document.querySelector('.tw-hl-pending[data-annotation-id]'), undefined, { polling: 10 });
  return latency;
}

async function main() {
  // BENCH_PARTS=b (or ac, …) runs only those parts: handy while working on one of them.
  const parts = process.env.BENCH_PARTS ?? "abc";
  // The app started below reads the same variable (next.config.js), so both look at one build.
  const buildDir = process.env.TRACEWELL_NEXT_DIST_DIR || ".next";
  if (!existsSync(path.join(ROOT, buildDir, "BUILD_ID"))) throw new Error(`No production build in ${buildDir}: run \`npx next build\` first.`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracewell-bench-editor-"));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as the postgres user and must enter it
  const database = await startEmbeddedPostgres({ dataDir: path.join(dir, "db"), whenInUse: "refuse" });
  process.env.DATABASE_URL = database.url;
  let app: ChildProcess | undefined;
  const pool = new pg.Pool({ connectionString: database.url, max: 16 });
  // A connection still closing when the server stops reports 57P01; the figures are out by then.
  pool.on("error", () => {});
  try {
    await migrate({ url: database.url });
    const user = await createUser({ email: "bench@example.com", password: PASSWORD, via: "cli" });
    const project = await createProject({ actorId: user.id, input: { name: "Editor bench" } });
    const { secret } = await createToken({ userId: user.id, input: { name: "bench", scope: "write" } });
    const labels = (await pool.query<{ id: string; name: string }>(`SELECT "id", "name" FROM "Label" WHERE "projectId" = $1`, [project.id])).rows;
    const labelId = (name: string) => labels.find((l) => l.name === name)!.id;

    const text = bigText(1024 * 1024);
    const small = bigText(60 * 1024);
    const [bigResult, smallResult] = await uploadDocuments({
      actorId: user.id,
      projectId: project.id,
      files: [
        { filename: "large.txt", bytes: new TextEncoder().encode(text) },
        { filename: "typical.txt", bytes: new TextEncoder().encode(`Typical briefing.\n${small}`) },
      ],
    });
    const doc = bigResult!.document!;
    const typical = smallResult!.document!;
    const all = words(text);
    // Every third word tagged, every 10th of those inside a three-word span (overlaps and nesting).
    const index = new CodePointIndex(text);
    const tagged: { documentId: string; labelId: string; authorId: string; span: Span }[] = [];
    const free: Span[] = [];
    for (let i = 0; i < all.length && tagged.length < ANNOTATIONS; i++) {
      const k = Math.floor(i / 3);
      if (i % 3 === 2 && k % 10 !== 0 && all[i]!.clean) free.push(all[i]!);
      if (i % 3 !== 0) continue;
      const span = all[i]!;
      tagged.push({ documentId: doc.id, labelId: labelId(["Claim", "Entity", "Figure"][k % 3]!), authorId: user.id, span });
      const last = all[i + 2];
      if (k % 10 === 0 && last && last.line === span.line) {
        const wide = { ...span, end: last.end, to: last.to, exact: index.slice(span.start, last.end) };
        tagged.push({ documentId: doc.id, labelId: labelId("Claim"), authorId: user.id, span: wide });
      }
    }
    await insertAnnotations(pool, tagged.slice(0, ANNOTATIONS));
    const count = Math.min(tagged.length, ANNOTATIONS);
    const bytes = Buffer.byteLength(text);
    console.log(`document: ${(bytes / 1024 / 1024).toFixed(2)} MB, ${doc.length.toLocaleString("en")} code points, ${text.split("\n").length.toLocaleString("en")} lines; ${count.toLocaleString("en")} annotations`);

    const port = await freePort();
    const baseURL = `http://localhost:${port}`;
    const log = createWriteStream(path.join(dir, "server.log"));
    app = spawn(process.execPath, [path.join(ROOT, "bin/tracewell.mjs"), "serve"], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), DATABASE_URL: database.url, TRACEWELL_DATA_DIR: path.join(dir, "data"), NEXTAUTH_URL: baseURL, TRACEWELL_DEMO: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    // Both into one file: neither may end it (stderr written after stdout closed would throw).
    app.stdout!.pipe(log, { end: false });
    app.stderr!.pipe(log, { end: false });
    await waitForHealth(baseURL, app);

    // (a) and (b) need the browser; (c) alone does not.
    if (parts.includes("a") || parts.includes("b")) {
      // The floor is served by a plain HTTP server of its own, so both pages travel the same way.
      const floorHtml = floorPage(text);
      const floorServer = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(floorHtml));
      const floorPort = await freePort();
      await new Promise<void>((resolve) => floorServer.listen(floorPort, "127.0.0.1", resolve));
      const floorUrl = `http://localhost:${floorPort}/`;
      const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
      try {
        const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
        const { csrfToken } = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
        await context.request.post("/api/auth/callback/credentials", { form: { csrfToken, email: "bench@example.com", password: PASSWORD, json: "true" } });
        const page = await context.newPage();
        const documentUrl = `/projects/${project.id}/documents/${doc.id}`;

        // (a) Warm once (server caches, compiled JS), then three runs each.
        await page.addInitScript(READY_SCRIPT(count));
        await timeToReady(page, documentUrl);
        const app3: number[] = [];
        const floor3: number[] = [];
        for (let run = 0; run < (parts.includes("a") ? 3 : 0); run++) {
          floor3.push(await timeToReady(page, floorUrl));
          app3.push(await timeToReady(page, documentUrl));
        }
        if (parts.includes("a")) {
          const [appMs, floorMs] = [median(app3), median(floor3)];
          console.log(`(a) time to interactive, all ${count.toLocaleString("en")} highlights painted: ${ms(appMs)} (median of 3: ${app3.map((n) => n.toFixed(0)).join(", ")})`);
          console.log(`    plain <p> paragraphs (floor):                    ${ms(floorMs)} (median of 3: ${floor3.map((n) => n.toFixed(0)).join(", ")})`);
          console.log(`    ratio: ${(appMs / floorMs).toFixed(2)}× the floor (target ≤ 2×)`);
        }

        // (b) 50 tags spread over the document.
        const step = Math.floor(free.length / TAGS);
        const latencies: TagTiming[] = [];
        // BENCH_PROFILE=file.cpuprofile saves a Chromium CPU profile of the tags (open it in DevTools).
        const profiler = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : undefined;
        await profiler?.send("Profiler.enable");
        await profiler?.send("Profiler.start");
        // BENCH_TRACE=file.json saves a Chromium performance trace of the tags (DevTools, Performance).
        if (process.env.BENCH_TRACE) await browser.startTracing(page, { path: process.env.BENCH_TRACE, categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing", "v8.execute"] });
        for (let i = 0; i < (parts.includes("b") ? TAGS : 0); i++) latencies.push(await tagLatency(page, free[i * step]!));
        if (profiler) writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify((await profiler.send("Profiler.stop")).profile));
        if (process.env.BENCH_TRACE) await browser.stopTracing();
        if (parts.includes("b")) {
          const presented = latencies.map((l) => l.presented);
          const drawn = latencies.map((l) => l.drawn);
          console.log(`(b) keypress to highlight on screen, ${TAGS} tags (Event Timing, frame presented): p50 ${ms(percentile(presented, 50))}, p95 ${ms(percentile(presented, 95))}, max ${ms(Math.max(...presented))} (target p95 ≤ 50 ms)`);
          console.log(`    keypress to frame drawn on the main thread:                       p50 ${ms(percentile(drawn, 50))}, p95 ${ms(percentile(drawn, 95))}, max ${ms(Math.max(...drawn))}`);
        }
      } finally {
        await browser.close();
        floorServer.close();
      }
    }

    if (parts.includes("c")) {
      await measureCreates({
        root: ROOT,
        baseURL,
        databaseUrl: database.url,
        secret,
        documentId: typical.id,
        documentName: "the typical 60 KB document",
        spans: words(`Typical briefing.\n${small}`),
        creates: CREATES,
        warmUp: WARM_UP,
        clientCounts: CLIENT_COUNTS,
      });
    }
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    console.log(`machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}`);
  } finally {
    if (app && app.exitCode === null) {
      const exited = new Promise((resolve) => app!.once("exit", resolve));
      app.kill("SIGTERM");
      await exited;
    }
    await pool.end();
    await disconnectDb();
    await database.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
