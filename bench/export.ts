/**
 * npm run bench:export — export throughput and memory on a throwaway embedded PostgreSQL.
 *
 * Two projects are filled by SQL (generate_series): 100 and 1,000 documents of ~5,000 code
 * points with 1,000 annotations each — 100,000 and 1,000,000 annotations, three labels, JSON
 * attributes, every quote a true code-point slice. Each run is a child process of its own, so
 * its peak RSS is its own:
 *   - jsonl, w3c: the real export (prepareExport: the cursor over the pg pool, the writer), bytes
 *     consumed and discarded;
 *   - cursor:     a plain FETCH loop over the export's annotation query — what reading rows costs;
 *   - events:     streamCorpus alone (documents and annotations as export events, no writer);
 *   - COPY:       `COPY (the export's annotation query) TO STDOUT` through psql, when installed
 *                 (pg-copy-streams is not a dependency, so COPY cannot run over the app's pool).
 * Prints annotations/s, MB/s and peak RSS, then repeats the exports at every scale with V8's heap
 * capped at HEAP_CAP_MB (they must finish, with the same peak RSS at 100k and 1M: memory does not
 * grow with the corpus; uncapped, V8 simply lets its heap grow during a longer run). Figures, not
 * pass/fail.
 * BENCH_SCALES=1M (or 100k) runs one scale only; BENCH_PROFILE=dir saves each run's V8 CPU profile.
 */
import { fork, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { disconnectDb, db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { annotationsQuery } from "@/lib/export/corpus-sql";
import { prepareExport } from "@/lib/export/run-export";
import { streamCorpus } from "@/lib/export/stream-corpus";
import { createProject } from "@/lib/projects/create-project";
import { createUser } from "@/lib/users/create-user";
import { withBenchDatabase } from "./bench-database";

const PER_DOCUMENT = 1000;
const SCALES = [
  { name: "100k", documents: 100 },
  { name: "1M", documents: 1000 },
].filter((scale) => !process.env.BENCH_SCALES || process.env.BENCH_SCALES.split(",").includes(scale.name));
const HEAP_CAP_MB = 96;
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

type Run = { kind: "jsonl" | "w3c" | "cursor" | "events"; projectId: string };
type Result = { annotations: number; bytes: number; seconds: number; peakRss: number };

/** Runs `task` under V8's CPU profiler when BENCH_PROFILE names a directory, saving the profile there. */
async function profiled<T>(name: string, task: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return task();
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  try {
    return await task();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${name}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

async function child(run: Run): Promise<Result> {
  return profiled(run.kind, () => measure(run));
}

async function measure(run: Run): Promise<Result> {
  const started = performance.now();
  let annotations = 0;
  let bytes = 0;
  if (run.kind === "cursor") {
    const client = await pgPool().connect();
    try {
      const { text, values } = annotationsQuery(run.projectId, {});
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      await client.query(`DECLARE c NO SCROLL CURSOR FOR ${text}`, values);
      for (;;) {
        const { rows } = await client.query("FETCH 2000 FROM c");
        annotations += rows.length;
        if (rows.length < 2000) break;
      }
      await client.query("COMMIT");
    } finally {
      client.release();
    }
  } else if (run.kind === "events") {
    for await (const event of streamCorpus({ projectId: run.projectId, filters: {} })) if (event.type === "annotation") annotations++;
  } else {
    const prepared = await prepareExport({ projectId: run.projectId, format: run.kind, filters: {}, apiBaseUrl: "http://bench.invalid/api/v1", onAnnotation: () => annotations++ });
    for await (const chunk of prepared.chunks) bytes += chunk.byteLength;
  }
  const seconds = (performance.now() - started) / 1000;
  await disconnectDb();
  return { annotations, bytes, seconds, peakRss: process.resourceUsage().maxRSS * 1024 };
}

function runChild(run: Run, url: string, nodeFlags: string[] = []): Promise<Result> {
  return new Promise((resolve, reject) => {
    const execArgv = [...process.execArgv, ...nodeFlags];
    const proc = fork(import.meta.filename, ["--child", JSON.stringify(run)], { env: { ...process.env, DATABASE_URL: url }, execArgv });
    proc.once("message", (message) => resolve(message as Result));
    proc.once("exit", (code) => (code === 0 ? undefined : reject(new Error(`bench child exited with ${code}`))));
  });
}

/** 1,000 annotations on each of `documents` documents, all by SQL. */
async function fillProject(projectId: string, authorId: string, documents: number): Promise<void> {
  const labels = await db().label.findMany({ where: { projectId }, orderBy: { name: "asc" } });
  const [claim, entity, figure] = [labels.find((l) => l.name === "Claim")!, labels.find((l) => l.name === "Entity")!, labels.find((l) => l.name === "Figure")!];
  await db().$executeRaw`
    INSERT INTO "Document" ("id", "projectId", "title", "text", "sha256", "length", "createdAt", "updatedAt")
    SELECT ${projectId} || '-d' || d, ${projectId}, 'Bench document ' || d, t.text, encode(sha256(convert_to(t.text, 'UTF8')), 'hex'),
           char_length(t.text), now() - (d || ' seconds')::interval, now()
      FROM generate_series(1, ${documents}) AS d,
           LATERAL (SELECT 'Bench document ' || d || E' 🇦🇫\n' || repeat('word ', ${PER_DOCUMENT}) AS text) AS t`;
  await db().$executeRaw`
    INSERT INTO "Annotation" ("id", "documentId", "labelId", "start", "end", "exact", "prefix", "suffix", "attributes", "authorId", "status", "updatedAt")
    SELECT ${projectId} || '-a' || d || '-' || g, ${projectId} || '-d' || d,
           CASE g % 3 WHEN 0 THEN ${claim.id} WHEN 1 THEN ${entity.id} ELSE ${figure.id} END,
           h.len + 5 * g, h.len + 5 * g + 4, 'word', 'word word ', ' word word',
           CASE g % 3 WHEN 0 THEN '{"reporting":"reported","credibility":2}'::jsonb WHEN 1 THEN '{"type":"person"}'::jsonb ELSE '{"value":6000,"qualifier":"more than","unit":"fighters"}'::jsonb END,
           ${authorId}, (ARRAY['pending','accepted','rejected'])[1 + g % 3]::"AnnotationStatus", now()
      FROM generate_series(1, ${documents}) AS d,
           LATERAL (SELECT char_length('Bench document ' || d || E' 🇦🇫\n') AS len) AS h,
           generate_series(0, ${PER_DOCUMENT - 1}) AS g`;
}

function copyBaseline(url: string, projectId: string): Result | null {
  if (spawnSync("psql", ["--version"]).status !== 0) return null;
  const { text } = annotationsQuery(projectId, {});
  const sql = `COPY (${text.replace("$1", `'${projectId}'`)}) TO STDOUT`;
  // Counted by wc on the way to nowhere: COPY's text format escapes newlines, so lines = rows.
  const started = performance.now();
  const out = spawnSync("bash", ["-c", 'psql "$1" -X -q -c "$2" | wc -lc', "copy", url, sql]);
  const seconds = (performance.now() - started) / 1000;
  if (out.status !== 0) throw new Error(`psql: ${out.stderr.toString()}`);
  const [lines, bytes] = out.stdout.toString().trim().split(/\s+/).map(Number);
  return { annotations: lines!, bytes: bytes!, seconds, peakRss: 0 };
}

async function main() {
  await withBenchDatabase(async (url) => {
    const user = await createUser({ email: "bench@example.com", password: "bench-password", via: "cli" });
    const projects: { name: string; id: string; annotations: number }[] = [];
    for (const scale of SCALES) {
      const project = await createProject({ actorId: user.id, input: { name: `Bench ${scale.name}` } });
      const started = performance.now();
      await fillProject(project.id, user.id, scale.documents);
      console.log(`${scale.name}: ${scale.documents} documents, ${(scale.documents * PER_DOCUMENT).toLocaleString("en")} annotations inserted by SQL in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      projects.push({ name: scale.name, id: project.id, annotations: scale.documents * PER_DOCUMENT });
    }
    await db().$executeRawUnsafe(`VACUUM ANALYZE`);
    await disconnectDb();

    console.log(`\n${"run".padEnd(16)}${"annotations".padStart(12)}${"seconds".padStart(9)}${"annot./s".padStart(11)}${"MB out".padStart(9)}${"MB/s".padStart(8)}${"peak RSS".padStart(10)}   vs COPY`);
    for (const project of projects) {
      const copy = copyBaseline(url, project.id);
      const rows: [string, Result][] = [];
      for (const kind of ["cursor", "events", "jsonl", "w3c"] as const) rows.push([kind, await runChild({ kind, projectId: project.id }, url)]);
      if (copy) rows.unshift(["COPY (psql)", copy]);
      for (const [kind, r] of rows) {
        if (r.annotations !== project.annotations) throw new Error(`${kind}: ${r.annotations} annotations, expected ${project.annotations}`);
        const rate = r.annotations / r.seconds;
        const ratio = copy ? `${(rate / (copy.annotations / copy.seconds)).toFixed(2)}×` : "n/a";
        console.log(
          `${`${project.name} ${kind}`.padEnd(16)}${r.annotations.toLocaleString("en").padStart(12)}${r.seconds.toFixed(2).padStart(9)}` +
            `${Math.round(rate).toLocaleString("en").padStart(11)}${(r.bytes ? mb(r.bytes) : "—").padStart(9)}${(r.bytes ? (r.bytes / 1024 / 1024 / r.seconds).toFixed(1) : "—").padStart(8)}` +
            `${(r.peakRss ? `${mb(r.peakRss)} MB` : "—").padStart(10)}   ${ratio}`,
        );
      }
    }
    // The proof that memory does not grow with the corpus: the exports again with V8's heap capped
    // far below the corpus size (an export that held it would die of OOM here), side by side.
    for (const project of projects) {
      for (const kind of ["jsonl", "w3c"] as const) {
        const r = await runChild({ kind, projectId: project.id }, url, [`--max-old-space-size=${HEAP_CAP_MB}`]);
        console.log(`${project.name} ${kind} with the JS heap capped at ${HEAP_CAP_MB} MB: ${r.annotations.toLocaleString("en")} annotations, ${mb(r.bytes)} MB in ${r.seconds.toFixed(2)} s, peak RSS ${mb(r.peakRss)} MB`);
      }
    }
    if (spawnSync("psql", ["--version"]).status !== 0) console.log("\npsql is not installed: no COPY baseline (the cursor row is the baseline).");
  });
}

const childAt = process.argv.indexOf("--child");
if (childAt !== -1) {
  const result = await child(JSON.parse(process.argv[childAt + 1]!) as Run);
  process.send!(result, () => process.exit(0));
} else {
  await main();
}
