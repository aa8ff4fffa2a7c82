// Entry of an extraction worker process: forked by lib/ingest/pool/extract-pool.ts from the
// project root at run time (never through the Next.js bundle), it runs the TypeScript sources
// through tsx exactly as bin/tracewell.mjs does, so the app, the CLI and the tests share one code path.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
register({ tsconfig: path.join(root, "tsconfig.json") });
await import(path.join(root, "lib/ingest/pool/worker.ts"));
