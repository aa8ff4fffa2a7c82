import { randomUUID } from "node:crypto";
import pg from "pg";
import { prismaQuery } from "@/lib/audit/log-store";
import { SEALED_CHANNEL } from "@/lib/audit/seal-nudge";
import { stillGranted, type Grant } from "./access";
import { firstChangeAfter, headCursor, readFeed, type FeedEvent } from "./feed";
import { colorFor, documentPresence, projectPresence, type PresenceEntry, type Selection } from "./presence";
import { ANNOUNCE_MS, PRESENCE_CHANNEL, PresenceRelay, type PresenceMessage } from "./presence-relay";
import { heartbeatMs, replayWindowMs } from "./settings";
import { comment, frame } from "./sse";

/**
 * One hub per server process: it LISTENs for the sealer's "new positions" notice, reads each new
 * stretch of the sealed log once, and hands every change to the open streams that may see it. A
 * stream that connects with a cursor is first replayed from the database, while live changes wait
 * in its buffer; each change is sent at most once, in cursor order. Presence travels between
 * instances over NOTIFY (lib/live/presence.ts).
 */

/** Safety net under NOTIFY: a hub with streams looks at the log's head this often. */
const POLL_MS = 1000;
/** Grants are rechecked this often for every stream (idle ones too), and before every change sent. */
const SWEEP_MS = 2000;
const PRESENCE_COALESCE_MS = 150;
/** A stream this far behind (a client not reading) is closed; it resumes by cursor when it reconnects. */
const MAX_BUFFERED = 5000;

export interface Subscriber {
  grant: Grant;
  user: { id: string; name: string };
  /** Document streams: the browser tab, for presence. */
  tab: string | null;
  /** Queues text on the stream; false when the client is too far behind. */
  write(text: string): boolean;
  /** Ends the stream from the server's side. */
  end(): void;
}

interface Sub extends Subscriber {
  id: number;
  /** The last presence frame sent: an unchanged roster is not sent again. */
  lastPresence: string;
  lastCursor: number;
  replaying: boolean;
  buffer: FeedEvent[];
  checkedAt: number;
  closed: boolean;
}

export class LiveHub {
  readonly instance = randomUUID();
  private subs = new Set<Sub>();
  private nextId = 1;
  /** Positions up to here have been handed to the streams. */
  private head = 0;
  /** The newest position this hub has heard of. */
  private known = 0;
  private started: Promise<void> | null = null;
  private listener: pg.Client | null = null;
  private pumping: Promise<void> | null = null;
  private pumpAgain = false;
  private timers: NodeJS.Timeout[] = [];
  private presence = new PresenceRelay(
    this.instance,
    (message) => this.broadcast(message),
    (entry) => this.presenceChanged(entry),
  );
  private presenceDue = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly url: string) {}

  /** Opens a stream: replays from `cursor` (null: from now on), then delivers live. Returns the closer. */
  async subscribe(subscriber: Subscriber, cursor: number | null): Promise<() => void> {
    await this.start();
    const sub: Sub = { ...subscriber, id: this.nextId++, lastPresence: "", lastCursor: 0, replaying: true, buffer: [], checkedAt: Date.now(), closed: false };
    this.subs.add(sub);
    const close = () => this.close(sub, false);
    try {
      sub.write(`retry: 2000\n${comment("connected")}`);
      const head = Math.max(await headCursor(prismaQuery), this.known);
      if (cursor === null) sub.lastCursor = head;
      else if (cursor > head) this.reset(sub, head, "That cursor is ahead of this server's log (was the database replaced?)");
      else if (!(await this.replayable(cursor))) this.reset(sub, head, "Changes after that cursor are older than the replay window");
      else await this.replay(sub, cursor, head);
      if (sub.closed) return close;
      sub.replaying = false;
      for (const event of sub.buffer.splice(0)) this.deliver(sub, event);
      if (sub.grant.documentId && sub.tab) this.join(sub);
      this.sendPresence(sub);
    } catch (err) {
      this.close(sub, true);
      throw err;
    }
    return close;
  }

  /** Moves a tab's selection; false when that tab has no open stream for the document. */
  async moveSelection(documentId: string, userId: string, tab: string, selection: Selection | null): Promise<boolean> {
    await this.start();
    const key = `${userId}:${tab}`;
    return this.presence.move(documentId, key, selection);
  }

  stats() {
    return {
      instance: this.instance,
      streams: this.subs.size,
      replaying: [...this.subs].filter((s) => s.replaying).length,
      buffered: [...this.subs].reduce((n, s) => n + s.buffer.length, 0),
      presence: { local: this.presence.ownCount(), total: this.presence.board.all().length },
      head: this.head,
      known: this.known,
      listening: this.listener !== null,
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    for (const sub of [...this.subs]) this.close(sub, true);
    await this.presence.bye().catch(() => {});
    await this.listener?.end().catch(() => {});
    this.listener = null;
  }

  // ——— the feed ———

  private async replayable(cursor: number): Promise<boolean> {
    const first = await firstChangeAfter(prismaQuery, cursor);
    return first === null || first.getTime() >= Date.now() - replayWindowMs();
  }

  private reset(sub: Sub, head: number, reason: string) {
    sub.lastCursor = head;
    sub.write(frame({ id: head, event: "reset", data: { type: "reset", at: new Date().toISOString(), reason } }));
  }

  private async replay(sub: Sub, cursor: number, until: number) {
    const scope = { projectId: sub.grant.projectId, documentId: sub.grant.documentId };
    sub.lastCursor = cursor;
    let after = cursor;
    while (after < until && !sub.closed) {
      const page = await readFeed(prismaQuery, { after, until, scope });
      for (const event of page.events) this.send(sub, event);
      after = page.scanned;
    }
  }

  private matches(sub: Sub, projectId: string, documentId: string): boolean {
    return sub.grant.projectId === projectId && (sub.grant.documentId === null || sub.grant.documentId === documentId);
  }

  private deliver(sub: Sub, event: FeedEvent) {
    if (sub.closed || event.cursor <= sub.lastCursor) return;
    if (sub.replaying) {
      sub.buffer.push(event);
      if (sub.buffer.length > MAX_BUFFERED) this.close(sub, true);
      return;
    }
    this.send(sub, event);
  }

  /** One frame per change, however many streams it goes to. */
  private frames = new WeakMap<FeedEvent, string>();

  private send(sub: Sub, event: FeedEvent) {
    if (sub.closed || event.cursor <= sub.lastCursor) return;
    sub.lastCursor = event.cursor;
    let text = this.frames.get(event);
    if (text === undefined) {
      const body = "annotation" in event ? { annotation: event.annotation } : { workflow: event.workflow };
      text = frame({ id: event.cursor, event: event.type, data: { type: event.type, at: event.at, actor: event.actor, ...body } });
      this.frames.set(event, text);
    }
    if (!sub.write(text)) this.close(sub, true);
  }

  private heard(position: number) {
    if (position > this.known) this.known = position;
    void this.pump();
  }

  /** Reads what the hub has heard of and not yet handed out; one reader at a time. */
  private pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return this.pumping;
    }
    // Cleared in a callback, which always runs after this assignment (a drain with nothing to
    // await would otherwise finish before it and leave a settled promise behind as "running").
    const run = this.drain().finally(() => {
      if (this.pumping === run) this.pumping = null;
    });
    this.pumping = run;
    return run;
  }

  private async drain(): Promise<void> {
    try {
      do {
        this.pumpAgain = false;
        while (this.head < this.known && !this.stopped) {
          if (this.subs.size === 0) {
            this.head = this.known;
            break;
          }
          const listening = [...this.subs];
          const page = await readFeed(prismaQuery, {
            after: this.head,
            until: this.known,
            wanted: (projectId, documentId) => listening.some((sub) => this.matches(sub, projectId, documentId)),
          });
          if (page.events.length) {
            const audience = listening.filter((sub) => page.events.some((e) => this.matches(sub, e.projectId, e.documentId)));
            // Permissions are checked when a change is sent, not only at connect: read after the
            // change committed, so a removal that committed before it is always seen.
            await this.recheck(audience, 0);
            for (const event of page.events) {
              for (const sub of this.subs) if (this.matches(sub, event.projectId, event.documentId)) this.deliver(sub, event);
            }
          }
          this.head = page.scanned;
        }
      } while (this.pumpAgain && !this.stopped);
    } catch (err) {
      console.error(`[tracewell] live updates: reading the log failed: ${(err as Error).message}; retrying`);
    }
  }

  /** Ends the streams whose grant no longer holds (checked at most every `maxAge` ms each). */
  private async recheck(subs: Sub[], maxAge: number) {
    const now = Date.now();
    const due = subs.filter((sub) => !sub.closed && now - sub.checkedAt >= maxAge);
    if (!due.length) return;
    const verdicts = await stillGranted(due.map((sub) => sub.grant));
    due.forEach((sub, i) => {
      sub.checkedAt = now;
      if (!verdicts[i]) this.close(sub, true);
    });
  }

  private close(sub: Sub, endStream: boolean) {
    if (sub.closed) return;
    sub.closed = true;
    sub.buffer = [];
    this.subs.delete(sub);
    if (endStream) {
      try {
        sub.end();
      } catch {
        // already closed by the client
      }
    }
    if (sub.grant.documentId && sub.tab) this.leave(sub);
  }

  // ——— presence ———

  private keyOf(sub: Sub) {
    return `${sub.user.id}:${sub.tab}`;
  }

  private join(sub: Sub) {
    this.presence.join({
      key: this.keyOf(sub),
      user: sub.user,
      color: colorFor(sub.user.id),
      projectId: sub.grant.projectId,
      documentId: sub.grant.documentId!,
    });
  }

  private leave(sub: Sub) {
    const key = this.keyOf(sub);
    const documentId = sub.grant.documentId!;
    // Another stream of the same tab (a reconnect that overtook the old one) keeps it present.
    if ([...this.subs].some((other) => other.grant.documentId === documentId && this.keyOf(other) === key)) return;
    this.presence.leave(documentId, key);
  }

  /**
   * Sends the presence of a document (and its project) to their streams, coalesced per document
   * over PRESENCE_COALESCE_MS: a crowd arriving at once costs a few rosters, not one per arrival.
   */
  private presenceChanged(entry: Pick<PresenceEntry, "documentId" | "projectId">) {
    if (this.presenceDue.has(entry.documentId)) return;
    this.presenceDue.set(
      entry.documentId,
      setTimeout(() => {
        this.presenceDue.delete(entry.documentId);
        const shared = new Map<string, { roster: string; text: string }>();
        for (const sub of this.subs) {
          if (sub.grant.projectId === entry.projectId && (sub.grant.documentId === null || sub.grant.documentId === entry.documentId)) {
            this.sendPresence(sub, shared);
          }
        }
      }, PRESENCE_COALESCE_MS),
    );
  }

  /**
   * Sends a stream its roster unless it already has that one. `shared` holds each roster built
   * in one round (per document, or per project), so a crowd costs one string, not one per stream.
   */
  private sendPresence(sub: Sub, shared = new Map<string, { roster: string; text: string }>()) {
    if (sub.closed || sub.replaying) return;
    const key = sub.grant.documentId ?? `project:${sub.grant.projectId}`;
    let built = shared.get(key);
    if (!built) {
      const at = new Date().toISOString();
      const data = sub.grant.documentId
        ? documentPresence(sub.grant.documentId, this.presence.board.ofDocument(sub.grant.documentId), at)
        : projectPresence(sub.grant.projectId, this.presence.board.ofProject(sub.grant.projectId), at);
      built = { roster: JSON.stringify(data.people), text: frame({ event: "presence", data }) };
      shared.set(key, built);
    }
    // The roster without its timestamp decides whether anything changed for this stream.
    if (built.roster === sub.lastPresence) return;
    sub.lastPresence = built.roster;
    if (!sub.write(built.text)) this.close(sub, true);
  }


  private async broadcast(message: PresenceMessage) {
    const listener = this.listener;
    if (!listener) return;
    await listener.query(`SELECT pg_notify('${PRESENCE_CHANNEL}', $1)`, [JSON.stringify(message)]);
  }

  // ——— lifecycle ———

  private start(): Promise<void> {
    this.started ??= (async () => {
      this.head = this.known = await headCursor(prismaQuery);
      await this.connect();
      const every = (ms: number, fn: () => void) => {
        const timer = setInterval(fn, ms);
        timer.unref();
        this.timers.push(timer);
      };
      every(POLL_MS, () => {
        if (this.subs.size === 0) return;
        headCursor(prismaQuery).then(
          (n) => this.heard(n),
          () => {},
        );
      });
      every(SWEEP_MS, () => void this.recheck([...this.subs], SWEEP_MS - 500).catch(() => {}));
      every(heartbeatMs(), () => {
        for (const sub of [...this.subs]) if (!sub.write(comment("keep-alive"))) this.close(sub, true);
      });
      every(ANNOUNCE_MS, () => this.presence.tick());
    })().catch((err) => {
      this.started = null;
      throw err;
    });
    return this.started;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on("notification", (note) => {
      if (note.channel === SEALED_CHANNEL) this.heard(Number(note.payload));
      else if (note.channel === PRESENCE_CHANNEL && note.payload) {
        try {
          this.presence.heard(JSON.parse(note.payload) as PresenceMessage);
        } catch {
          // not ours
        }
      }
    });
    client.on("error", (err) => {
      console.error(`[tracewell] live updates: connection lost (${err.message}); reconnecting`);
      if (this.listener === client) this.listener = null;
      void client.end().catch(() => {});
      if (!this.stopped) setTimeout(() => void this.connect().catch(() => {}), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${SEALED_CHANNEL}`);
    await client.query(`LISTEN ${PRESENCE_CHANNEL}`);
    this.listener = client;
    await this.presence.hello();
    // Whatever was sealed while not listening.
    this.heard(await headCursor(prismaQuery));
  }
}

const KEY = Symbol.for("tracewell.liveHub");
type Holder = { [KEY]?: LiveHub };

/** The process's hub (one per process, shared by every bundle of the app). */
export function liveHub(): LiveHub {
  const holder = globalThis as Holder;
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start Tracewell with `npm start` or `tracewell serve`.");
  return (holder[KEY] ??= new LiveHub(url));
}

/** The hub if one was started (for shutdown and statistics). */
export function existingLiveHub(): LiveHub | null {
  return (globalThis as Holder)[KEY] ?? null;
}
