import { PresenceBoard, type PresenceEntry, type Selection } from "./presence";

/**
 * Presence across instances: this instance's entries (its open document streams) and everyone
 * else's as heard over NOTIFY. Own changes are told to the others at once and re-announced every
 * ANNOUNCE_MS; others' entries expire after TTL_MS without news, or at once when their instance
 * says goodbye. `changed` hears every change that alters what a roster shows.
 */

export const PRESENCE_CHANNEL = "tracewell_presence";
/** Own presence is re-announced this often; others' expire without news for TTL_MS. */
export const ANNOUNCE_MS = 5000;
const TTL_MS = 15_000;
/** Entries per announcement: a NOTIFY payload must stay under 8000 bytes. */
const PER_MESSAGE = 10;

export type PresenceMessage =
  | { from: string; op: "join" | "move"; entry: PresenceEntry }
  | { from: string; op: "leave"; documentId: string; key: string }
  | { from: string; op: "announce"; entries: PresenceEntry[] }
  | { from: string; op: "hello" | "bye" };

export class PresenceRelay {
  readonly board = new PresenceBoard();

  constructor(
    private readonly instance: string,
    /** Sends a message to every instance (NOTIFY); may fail while the connection is down. */
    private readonly send: (message: PresenceMessage) => Promise<void>,
    private readonly changed: (entry: Pick<PresenceEntry, "documentId" | "projectId">) => void,
  ) {}

  private tell(message: PresenceMessage) {
    void this.send(message).catch(() => {
      // the next announcement repeats it
    });
  }

  /** A stream of this instance opened (its tab keeps the selection it had, if it reconnected). */
  join(entry: Omit<PresenceEntry, "selection" | "instance">): void {
    const full: PresenceEntry = { ...entry, selection: this.board.get(entry.documentId, entry.key)?.selection ?? null, instance: this.instance };
    if (this.board.upsert(full, Date.now())) this.changed(full);
    this.tell({ from: this.instance, op: "join", entry: full });
  }

  leave(documentId: string, key: string): void {
    const gone = this.board.remove(documentId, key);
    if (!gone) return;
    this.changed(gone);
    this.tell({ from: this.instance, op: "leave", documentId, key });
  }

  /** Moves a tab's selection; false when there is no such tab on the document. */
  async move(documentId: string, key: string, selection: Selection | null): Promise<boolean> {
    const entry = this.board.move(documentId, key, selection, Date.now());
    if (!entry) return false;
    this.changed(entry);
    await this.send({ from: this.instance, op: "move", entry });
    return true;
  }

  ownCount(): number {
    return this.board.all().filter((e) => e.instance === this.instance).length;
  }

  /** Every ANNOUNCE_MS: own entries again, and others' silent ones dropped. */
  tick(): void {
    this.announce();
    for (const gone of this.board.expire(Date.now() - TTL_MS, this.instance)) this.changed(gone);
  }

  hello(): Promise<void> {
    return this.send({ from: this.instance, op: "hello" });
  }

  bye(): Promise<void> {
    return this.send({ from: this.instance, op: "bye" });
  }

  private announce() {
    const own = this.board.all().filter((e) => e.instance === this.instance);
    for (let at = 0; at < own.length; at += PER_MESSAGE) this.tell({ from: this.instance, op: "announce", entries: own.slice(at, at + PER_MESSAGE) });
  }

  heard(message: PresenceMessage): void {
    if (message.from === this.instance) return;
    const now = Date.now();
    switch (message.op) {
      case "join":
      case "move":
        if (this.board.upsert(message.entry, now)) this.changed(message.entry);
        break;
      case "leave": {
        const gone = this.board.remove(message.documentId, message.key);
        if (gone) this.changed(gone);
        break;
      }
      case "announce":
        for (const entry of message.entries) if (this.board.upsert(entry, now)) this.changed(entry);
        break;
      case "hello":
        this.announce();
        break;
      case "bye":
        for (const gone of this.board.dropInstance(message.from)) this.changed(gone);
        break;
    }
  }
}
