import { loadPdfJs } from "../extract-pdf";
import { runTask, toWire, type ExtractTask } from "./tasks";

/**
 * One extraction worker (a child process of the app, the CLI or a test; see extract-pool.ts).
 * It runs one task at a time: the pool never sends a second before the first is answered.
 */

if (!process.send) throw new Error("lib/ingest/pool/worker.ts runs only as a forked child process");
const send = process.send.bind(process);

process.on("message", (message: { id: number; task: ExtractTask }) => {
  runTask(message.task).then(
    (value) => send({ id: message.id, ok: true, value }),
    (err: unknown) => send({ id: message.id, ok: false, error: toWire(err) }),
  );
});

// The parent is gone (even if it was SIGKILLed and could not kill us): nothing left to work for.
process.on("disconnect", () => process.exit(0));

// PDF.js is the slow import; loading it before saying "ready" keeps it out of the first timeout.
await loadPdfJs();
send({ type: "ready" });
