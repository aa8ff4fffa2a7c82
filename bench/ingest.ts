/**
 * npm run bench:ingest — ingestion and listing figures on a throwaway embedded PostgreSQL.
 *   1. 2,000 small files (mixed scripts, CRLF, emoji) through uploadDocuments, 100 per call
 *   2. one 5 MB text
 *   3. list/search latency with 10,000 documents in the project (topped up by SQL)
 * Prints documents/s, MB/s, latencies and peak memory. Figures, not pass/fail.
 */
import { performance } from "node:perf_hooks";
import { db } from "@/lib/db/client";
import { listDocuments } from "@/lib/documents/list-documents";
import { uploadDocuments } from "@/lib/documents/upload-documents";
import { createProject } from "@/lib/projects/create-project";
import { createUser } from "@/lib/users/create-user";
import { withBenchDatabase } from "./bench-database";

const SAMPLES = [
  "Officials told reporters that more than 6000 fighters had crossed the border.",
  "A spokesman for the group, ذبيح الله, denied the report 🇦🇫 on Tuesday.",
  "Between 2,500 and 8,500 people were displaced, the monitor said 👨‍👩‍👧.",
  "Nearly 400 families returned; 80 per cent of them to damaged homes.",
  "The ministry put the figure at 1.3 million, a claim analysts disputed.",
];

function smallFile(i: number): { filename: string; bytes: Uint8Array } {
  const lines = Array.from({ length: 12 }, (_, j) => `${SAMPLES[(i + j) % SAMPLES.length]} (#${i}.${j})`);
  const text = lines.join(i % 3 === 0 ? "\r\n" : "\n");
  return { filename: `brief-${i}.txt`, bytes: new TextEncoder().encode(text) };
}

function bigText(bytes: number): Uint8Array {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `${SAMPLES[i % SAMPLES.length]} Paragraph ${i}.\n`;
    parts.push(line);
    size += Buffer.byteLength(line);
  }
  return new TextEncoder().encode(parts.join(""));
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await fn();
  return [result, (performance.now() - started) / 1000];
}

async function main() {
  await withBenchDatabase(async (url) => {
    const user = await createUser({ email: "bench@example.com", password: "bench-password", via: "cli" });
    const project = await createProject({ actorId: user.id, input: { name: "Bench" } });
    const upload = (files: { filename: string; bytes: Uint8Array }[]) =>
      uploadDocuments({ actorId: user.id, projectId: project.id, files });

    const files = Array.from({ length: 2000 }, (_, i) => smallFile(i));
    const totalBytes = files.reduce((n, f) => n + f.bytes.length, 0);
    const [, small] = await timed(async () => {
      for (let i = 0; i < files.length; i += 100) {
        const results = await upload(files.slice(i, i + 100));
        if (results.some((r) => r.status !== "created")) throw new Error("an upload failed");
      }
    });
    console.log(`2,000 small files (${mb(totalBytes)} MB): ${small.toFixed(2)} s → ${(2000 / small).toFixed(0)} documents/s, ${(totalBytes / 1024 / 1024 / small).toFixed(2)} MB/s`);

    const big = bigText(5 * 1024 * 1024);
    const [results, large] = await timed(() => upload([{ filename: "large.txt", bytes: big }]));
    if (results[0]?.status !== "created") throw new Error(`large upload: ${results[0]?.error?.message}`);
    console.log(`one 5 MB text (${results[0].document!.length.toLocaleString()} code points): ${large.toFixed(2)} s → ${(big.length / 1024 / 1024 / large).toFixed(2)} MB/s`);

    const [, topUp] = await timed(() => db().$executeRaw`
      INSERT INTO "Document" ("id", "projectId", "title", "text", "sha256", "length", "createdAt", "updatedAt")
      SELECT 'bench-' || g, ${project.id}, 'Filler ' || g, 'Filler document ' || g || ' about fighters and displaced families.',
             md5(g::text) || md5((g + 1)::text), 60, now() - (g || ' seconds')::interval, now()
        FROM generate_series(1, 7999) AS g`);
    console.log(`topped up to 10,000 documents by SQL in ${topUp.toFixed(1)} s`);

    const latency = async (label: string, query: Record<string, string>) => {
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) runs.push((await timed(() => listDocuments({ projectId: project.id, query })))[1] * 1000);
      runs.sort((a, b) => a - b);
      console.log(`  ${label.padEnd(44)} median ${runs[2]!.toFixed(1)} ms`);
    };
    console.log("listing 10,000 documents (50 per page):");
    await latency("first page, newest first", {});
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const result: Awaited<ReturnType<typeof listDocuments>> = await listDocuments({ projectId: project.id, query: cursor ? { cursor } : {} });
      cursor = result.nextCursor;
    }
    await latency("page 101 by cursor (5,000 deep)", cursor ? { cursor } : {});
    await latency("sorted by title", { sort: "title" });
    await latency("sorted by annotation count", { sort: "annotationCount" });
    await latency("full-text search 'fighters'", { q: "fighters" });
    await latency("full-text search 'ذبيح'", { q: "ذبيح" });
    console.log(`peak memory (RSS): ${mb(Math.max(peakRss, process.resourceUsage().maxRSS * 1024))} MB`);
  });
  clearInterval(sampler);
}

await main();
