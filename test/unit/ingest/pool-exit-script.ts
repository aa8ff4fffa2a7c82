// Run by pool-lifecycle.test.ts as its own process (through tsx, like the CLI): extracts a PDF in
// the pool, prints the worker's pid, and then simply returns — it must exit without help.
import { ingestFile } from "@/lib/ingest/ingest-file";
import { extractPool } from "@/lib/ingest/pool/extract-pool";
import { makeHeavyPdf } from "./heavy-pdf";

const [result] = await ingestFile({ filename: "small.pdf", bytes: await makeHeavyPdf({ pages: 2, lines: 3 }) });
console.log(JSON.stringify({ ok: result!.ok, pids: extractPool().pids() }));
