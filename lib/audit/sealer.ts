import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { KeyObject } from "node:crypto";
import pg from "pg";
import { auditCheckpointFile } from "@/lib/config";
import { EVENT_COLUMNS, eventLeafHex, type EventRow } from "./log-event";
import { LAST_SEALED_XID, pgQuery } from "./log-store";
import { fromHex, toHex, treeRoot, type Hash } from "./merkle";
import { RootCache } from "./root-cache";
import { auditSigningKey, signCheckpoint, type Checkpoint } from "./signing";
import { SEAL_CHANNEL, SEALED_CHANNEL } from "./seal-nudge";

/** Held (transaction-scoped) by whoever runs a sealing round: one round at a time per database. */
const SEAL_ROUND_LOCK = 7_401_000_002;
/** Held (session-scoped) by the one sealer loop of the database: the elected sealer. */
const SEALER_LEADER_LOCK = 7_401_000_003;
/** Events per round; a full round is followed at once by another, so lag cannot build up. */
const BATCH = 2000;
/**
 * ms between rounds while events arrive (a round sealed some): short, so seal lag stays a small
 * multiple of a round's time under load, yet long enough that a busy instance signs at most ~25
 * checkpoints a second rather than one per event. With nothing sealed the loop idles at `intervalMs`.
 */
const BUSY_PAUSE_MS = 40;

export interface SealOptions {
  key?: KeyObject;
  checkpointFile?: string;
  log?: (line: string) => void;
}

export interface RoundResult {
  sealed: number;
  checkpoint: Checkpoint | null;
}

/**
 * One sealing round on `client`, in one transaction: picks committed, unsealed events whose
 * transaction is older than every running one (xid < pg_snapshot_xmin(pg_current_snapshot())),
 * in (xid, insertion seq) order, gives them the next gapless seqs with their leaf hashes, and
 * stores a signed checkpoint of the new tree. After commit, appends the checkpoint to the file.
 *
 * Why nothing is ever skipped: an event becomes eligible only when its transaction id is below the
 * snapshot's xmin, i.e. its transaction and every transaction with a smaller id have ended (a
 * transaction that gets an id later gets a larger one). So when a round seals position n, every
 * event that will ever sort before it is already visible; a long transaction that commits late
 * holds back the events ordered after it instead of being passed over. The order is therefore
 * "by transaction id", which for writers that do not overlap is their commit order.
 */
export async function sealRound(
  client: pg.Client,
  { key, checkpointFile, wait, roots }: { key: KeyObject; checkpointFile: string; wait: boolean; roots: RootCache },
): Promise<RoundResult | null> {
  const query = pgQuery(client);
  await client.query("BEGIN");
  let checkpoint: Checkpoint | null = null;
  let sealed = 0;
  let grown: { oldSize: number; fresh: Hash[] } | null = null;
  try {
    if (wait) await client.query(`SELECT pg_advisory_xact_lock(${SEAL_ROUND_LOCK})`);
    else {
      const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock(${SEAL_ROUND_LOCK}) AS ok`);
      if (!rows[0]!.ok) {
        await client.query("ROLLBACK");
        return null;
      }
    }
    const [size] = await query<{ n: string | null }>(`SELECT max("seq")::text AS n FROM "AuditSeal"`);
    const oldSize = Number(size?.n ?? 0);
    const events = await query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM "AuditEvent" e
        WHERE e."xid" >= ${LAST_SEALED_XID}
          AND e."xid" < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
          AND NOT EXISTS (SELECT 1 FROM "AuditSeal" s WHERE s."eventSeq" = e."seq")
        ORDER BY e."xid", e."seq" LIMIT ${BATCH}`,
    );
    if (events.length > 0) {
      const leaves = events.map(eventLeafHex);
      await client.query(
        `INSERT INTO "AuditSeal" ("seq", "eventSeq", "leafHash")
         SELECT $1::bigint + ord, ev::bigint, leaf FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS t(ev, leaf, ord)`,
        [String(oldSize), events.map((e) => e.seq), leaves],
      );
      const treeSize = oldSize + events.length;
      const newLeaves = leaves.map((h) => fromHex(h)!);
      const root = await treeRoot(treeSize, roots.with(query, oldSize, newLeaves));
      checkpoint = signCheckpoint(key, { treeSize, rootHash: toHex(root), timestamp: new Date().toISOString() });
      await client.query(
        `INSERT INTO "AuditCheckpoint" ("treeSize", "rootHash", "timestamp", "signature", "publicKey") VALUES ($1::bigint, $2, $3, $4, $5)`,
        [String(treeSize), checkpoint.rootHash, checkpoint.timestamp, checkpoint.signature, checkpoint.publicKey],
      );
      sealed = events.length;
      grown = { oldSize, fresh: newLeaves };
    }
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    roots.reset();
    throw err;
  }
  if (grown) roots.sealed(grown.oldSize, grown.fresh);
  if (checkpoint) {
    appendCheckpoint(checkpointFile, checkpoint);
    // After commit, outside any transaction: live hubs (every instance) read the new positions.
    await client.query(`SELECT pg_notify('${SEALED_CHANNEL}', $1)`, [String(checkpoint.treeSize)]);
  }
  return { sealed, checkpoint };
}

function appendCheckpoint(file: string, checkpoint: Checkpoint): void {
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, JSON.stringify(checkpoint) + "\n", { mode: 0o600 });
}

/**
 * Seals everything sealable now and returns when done: for tests and the CLI. Waits for a round
 * another sealer is running rather than skipping it.
 */
export async function sealPending(options: SealOptions & { url?: string } = {}): Promise<{ sealed: number; checkpoint: Checkpoint | null }> {
  const client = new pg.Client({ connectionString: options.url ?? process.env.DATABASE_URL });
  await client.connect();
  try {
    const key = options.key ?? auditSigningKey();
    const checkpointFile = options.checkpointFile ?? auditCheckpointFile();
    const roots = new RootCache();
    let total = 0;
    let last: Checkpoint | null = null;
    for (;;) {
      const round = await sealRound(client, { key, checkpointFile, wait: true, roots });
      if (!round || round.sealed === 0) break;
      total += round.sealed;
      last = round.checkpoint;
      if (round.sealed < BATCH) break;
    }
    return { sealed: total, checkpoint: last };
  } finally {
    await client.end();
  }
}

/**
 * The in-app sealer: one per database, elected with a session advisory lock on a dedicated
 * connection (an instance that loses the election keeps trying, so another takes over when the
 * sealer's instance stops). A round that sealed nothing is followed by `intervalMs` (default
 * 250 ms) of idling, one that sealed some by BUSY_PAUSE_MS, a full one at once by the next.
 * Errors are logged and retried on a fresh connection; they never reach the app.
 */
export class AuditSealer {
  private client: pg.Client | null = null;
  private stopped = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** Sleeping the idle interval (a nudge cuts it short; a busy pause it leaves alone). */
  private idling = false;
  /** A nudge came while a round ran: the round may have missed its event, so do not idle after it. */
  private nudged = false;
  private notifying: Promise<unknown> | null = null;
  private notifyAgain = false;
  leader = false;
  rounds = 0;

  constructor(private readonly options: SealOptions & { url: string; intervalMs?: number }) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await this.disconnect();
  }

  /**
   * An event was committed (here or, through NOTIFY, on another instance): seal soon. The leader
   * wakes from its idle sleep; any other instance passes the nudge on to the leader with NOTIFY on
   * its own connection, one at a time (nudges arriving meanwhile become one more).
   */
  nudge(): void {
    if (this.stopped) return;
    if (this.leader) {
      this.nudged = true;
      if (this.idling) this.wake?.();
      return;
    }
    const client = this.client;
    if (!client) return;
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = client
      .query(`NOTIFY ${SEAL_CHANNEL}`)
      .catch(() => {})
      .finally(() => {
        this.notifying = null;
        if (this.notifyAgain) {
          this.notifyAgain = false;
          this.nudge();
        }
      });
  }

  private log(line: string) {
    (this.options.log ?? ((l: string) => console.log(`[tracewell] ${l}`)))(line);
  }

  private async disconnect() {
    const client = this.client;
    this.client = null;
    this.leader = false;
    await client?.end().catch(() => {});
  }

  private sleep(ms: number, idle: boolean) {
    this.idling = idle;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      this.idling = false;
    });
  }

  private async run(): Promise<void> {
    const interval = this.options.intervalMs ?? 250;
    const roots = new RootCache();
    let key: KeyObject | null = null;
    while (!this.stopped) {
      let pause = interval;
      try {
        key ??= this.options.key ?? auditSigningKey();
        if (!this.client) {
          const client = new pg.Client({ connectionString: this.options.url });
          client.on("error", (err) => this.log(`audit sealer connection error: ${err.message}`));
          client.on("notification", () => this.nudge());
          await client.connect();
          this.client = client;
        }
        if (!this.leader) {
          const { rows } = await this.client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${SEALER_LEADER_LOCK}) AS ok`);
          this.leader = rows[0]!.ok;
          if (this.leader) {
            roots.reset();
            await this.client.query(`LISTEN ${SEAL_CHANNEL}`);
          }
        }
        if (this.leader) {
          this.nudged = false;
          const round = await sealRound(this.client, {
            key,
            checkpointFile: this.options.checkpointFile ?? auditCheckpointFile(),
            wait: false,
            roots,
          });
          this.rounds += 1;
          const sealed = round?.sealed ?? 0;
          pause = sealed >= BATCH ? 0 : sealed > 0 || this.nudged ? Math.min(BUSY_PAUSE_MS, interval) : interval;
        }
      } catch (err) {
        this.log(`audit sealer: ${(err as Error).message}; retrying`);
        await this.disconnect();
      }
      if (pause > 0 && !this.stopped) await this.sleep(pause, pause === interval && this.leader && !this.nudged);
    }
  }
}
