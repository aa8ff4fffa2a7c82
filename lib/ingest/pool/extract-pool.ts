import { fork, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { formatSeconds, positiveInteger } from "../limits";
import { projectRoot } from "./project-root";
import { fromWire, type ExtractTask, type TaskValue, type WireError } from "./tasks";

/**
 * A bounded pool of extraction worker processes. PDF, HTML and DOCX extraction and zip reading
 * used to run on the request thread: one heavy PDF stalled every other request for seconds. In a
 * child process the work cannot block the server's event loop, its memory stays out of the
 * server's heap, and a timeout is enforced for real: the worker is SIGKILLed and replaced.
 *
 * Workers start on demand, stay warm (tsx and PDF.js load once per worker) and run one task at a
 * time. The queue is not bounded here: every upload request sends its files one after another, so
 * the queue never holds more than one task per request in flight, and requests are bounded by the
 * server and the upload limits. Idle workers are unref'ed, so they never keep a CLI run or a test
 * process alive; they die with their parent (on exit, and on IPC disconnect if it was killed).
 */

const START_TIMEOUT_MS = 60_000;

interface Job {
  id: number;
  task: ExtractTask;
  timeoutMs: number;
  resolve(value: unknown): void;
  reject(err: AppError): void;
}

interface Worker {
  child: ChildProcess;
  ready: boolean;
  job: Job | null;
  timer?: NodeJS.Timeout;
  timedOut?: Job;
}

type Message = { type: "ready" } | { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError };

export class ExtractPool {
  private readonly workers = new Set<Worker>();
  private readonly queue: Job[] = [];
  private nextId = 1;

  constructor(private readonly options: { size: number; entry: string }) {}

  /** Runs `task` in a worker; rejects with an AppError when it fails, times out or its worker dies. */
  run<T extends ExtractTask>(task: T, { timeoutMs }: { timeoutMs: number }): Promise<TaskValue<T>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, timeoutMs, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** The process ids of the live workers (for tests and diagnostics). */
  pids(): number[] {
    return [...this.workers].flatMap((w) => (w.child.pid === undefined ? [] : [w.child.pid]));
  }

  /** Kills every worker and refuses what is queued; the pool starts afresh on the next run. */
  close(): void {
    for (const worker of this.workers) worker.child.kill("SIGKILL");
    this.workers.clear();
    for (const job of this.queue.splice(0)) job.reject(new AppError("internal", "the extraction pool was shut down"));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const idle = [...this.workers].find((w) => w.ready && !w.job);
      if (idle) {
        this.start(idle, this.queue.shift()!);
        continue;
      }
      const starting = [...this.workers].filter((w) => !w.ready).length;
      if (this.workers.size >= this.options.size || starting >= this.queue.length) return;
      this.spawn();
    }
  }

  private spawn(): void {
    const child = fork(this.options.entry, [], {
      serialization: "advanced", // structured clone: Uint8Array crosses as bytes, not base64 JSON
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      execArgv: [], // not the parent's --inspect or test-runner loader flags
    });
    const worker: Worker = { child, ready: false, job: null };
    this.workers.add(worker);
    worker.timer = setTimeout(() => child.kill("SIGKILL"), START_TIMEOUT_MS);
    worker.timer.unref();
    child.on("message", (message: Message) => this.onMessage(worker, message));
    child.on("error", (err) => {
      console.error("[tracewell] extraction worker error:", err);
      child.kill("SIGKILL");
    });
    child.once("exit", (code, signal) => this.onExit(worker, code, signal));
  }

  private start(worker: Worker, job: Job): void {
    worker.job = job;
    hold(worker.child, true);
    worker.timer = setTimeout(() => {
      worker.timedOut = job;
      worker.child.kill("SIGKILL");
    }, job.timeoutMs);
    const bytes = job.task.bytes;
    // A view into a larger buffer would be cloned with the whole buffer behind it, and a Buffer
    // arrives as a Buffer: send a plain Uint8Array of exactly these bytes.
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const own = whole && Object.getPrototypeOf(bytes) === Uint8Array.prototype ? bytes : new Uint8Array(bytes);
    worker.child.send({ id: job.id, task: { ...job.task, bytes: own } });
  }

  private onMessage(worker: Worker, message: Message): void {
    if ("type" in message) {
      clearTimeout(worker.timer);
      worker.ready = true;
      hold(worker.child, false);
      this.dispatch();
      return;
    }
    const job = worker.job;
    if (!job || job.id !== message.id || worker.timedOut) return;
    clearTimeout(worker.timer);
    worker.job = null;
    hold(worker.child, false);
    if (message.ok) job.resolve(message.value);
    else job.reject(fromWire(message.error));
    this.dispatch();
  }

  private onExit(worker: Worker, code: number | null, signal: NodeJS.Signals | null): void {
    clearTimeout(worker.timer);
    if (!this.workers.delete(worker)) return; // closed
    // Rejected only now, once the process is really gone: "killed" is a fact, not a request.
    if (worker.timedOut) {
      const limit = formatSeconds(worker.timedOut.timeoutMs);
      worker.timedOut.reject(
        new AppError("payload_too_large", `extraction took longer than the ${limit} limit and was stopped`, {
          limitSeconds: worker.timedOut.timeoutMs / 1000,
        }),
      );
    } else if (worker.job) {
      const how = signal ? `killed by ${signal}` : `exit code ${code}`;
      worker.job.reject(new AppError("internal", `the extraction process stopped unexpectedly (${how}; out of memory?)`));
    } else if (!worker.ready) {
      // It never started: the same would happen to the next one, so fail what waits instead of looping.
      const reason = signal ? `killed by ${signal}` : `exit code ${code}`;
      for (const job of this.queue.splice(0)) {
        job.reject(new AppError("internal", `the extraction worker could not start (${reason}); see the server log`));
      }
    }
    this.dispatch();
  }
}

/** A busy or starting worker keeps its parent alive (a CLI awaiting it); an idle one must not. */
function hold(child: ChildProcess, busy: boolean): void {
  const channel = child.channel as { ref?(): void; unref?(): void } | undefined;
  if (busy) {
    child.ref();
    channel?.ref?.();
  } else {
    child.unref();
    channel?.unref?.();
  }
}

// One pool per process, kept on globalThis so that module re-evaluation (Next.js dev reloads,
// Vitest module isolation) never strands a second set of workers.
const KEY = Symbol.for("tracewell.extractPool");
type Global = typeof globalThis & { [KEY]?: ExtractPool };

/** The process's pool: TRACEWELL_EXTRACT_WORKERS workers (default: the number of CPUs). */
export function extractPool(): ExtractPool {
  const global = globalThis as Global;
  if (!global[KEY]) {
    const size = positiveInteger(process.env, "TRACEWELL_EXTRACT_WORKERS", os.availableParallelism());
    const pool = new ExtractPool({ size, entry: path.join(projectRoot(), "lib/ingest/pool/worker-entry.mjs") });
    process.once("exit", () => pool.close());
    global[KEY] = pool;
  }
  return global[KEY];
}
