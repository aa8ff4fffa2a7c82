/**
 * Who has which document open and where their selection is: soft state, never stored. Each
 * instance keeps the whole board: its own entries (one per open document stream, keyed by user
 * and browser tab) and the others' as last announced over NOTIFY, which expire unless announced
 * again. Pure bookkeeping here; lib/live/hub.ts does the talking.
 */

export interface Selection {
  start: number;
  end: number;
}

export interface PresenceEntry {
  /** `${userId}:${tab}`: one per browser tab. */
  key: string;
  user: { id: string; name: string };
  color: string;
  projectId: string;
  documentId: string;
  selection: Selection | null;
  /** The instance whose stream this is. */
  instance: string;
}

/**
 * Distinct hues, each dark enough for white initials on it (contrast ≥ 4.5:1, WCAG AA for small
 * text); names travel with them, so no one is told apart by colour alone.
 */
const PALETTE = ["#1d4ed8", "#be185d", "#047857", "#b45309", "#6d28d9", "#b91c1c", "#0e7490", "#4d7c0f", "#a21caf", "#475569"];

/** A user's colour, the same on every screen and instance. */
export function colorFor(userId: string): string {
  let hash = 2166136261;
  for (const ch of userId) hash = Math.imul(hash ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}

export class PresenceBoard {
  private byDocument = new Map<string, Map<string, PresenceEntry & { seenAt: number }>>();

  /** Adds or refreshes an entry; true when what others see changed. */
  upsert(entry: PresenceEntry, now: number): boolean {
    let entries = this.byDocument.get(entry.documentId);
    if (!entries) this.byDocument.set(entry.documentId, (entries = new Map()));
    const before = entries.get(entry.key);
    entries.set(entry.key, { ...entry, seenAt: now });
    return !before || before.instance !== entry.instance || !sameSelection(before.selection, entry.selection) || before.user.name !== entry.user.name;
  }

  remove(documentId: string, key: string): PresenceEntry | null {
    const entries = this.byDocument.get(documentId);
    const entry = entries?.get(key) ?? null;
    if (!entry) return null;
    entries!.delete(key);
    if (entries!.size === 0) this.byDocument.delete(documentId);
    return entry;
  }

  get(documentId: string, key: string): PresenceEntry | null {
    return this.byDocument.get(documentId)?.get(key) ?? null;
  }

  /** Moves a selection; null when there is no such entry. */
  move(documentId: string, key: string, selection: Selection | null, now: number): PresenceEntry | null {
    const entry = this.byDocument.get(documentId)?.get(key);
    if (!entry) return null;
    entry.selection = selection;
    entry.seenAt = now;
    return entry;
  }

  /** Drops other instances' entries not announced since `before`; returns them. */
  expire(before: number, self: string): PresenceEntry[] {
    const gone: PresenceEntry[] = [];
    for (const entries of this.byDocument.values()) {
      for (const entry of entries.values()) {
        if (entry.instance !== self && entry.seenAt < before) gone.push(entry);
      }
    }
    for (const entry of gone) this.remove(entry.documentId, entry.key);
    return gone;
  }

  /** Drops every entry of an instance (it said goodbye); returns them. */
  dropInstance(instance: string): PresenceEntry[] {
    const gone = this.all().filter((entry) => entry.instance === instance);
    for (const entry of gone) this.remove(entry.documentId, entry.key);
    return gone;
  }

  ofDocument(documentId: string): PresenceEntry[] {
    return [...(this.byDocument.get(documentId)?.values() ?? [])].map(strip);
  }

  ofProject(projectId: string): PresenceEntry[] {
    return this.all().filter((entry) => entry.projectId === projectId);
  }

  all(): PresenceEntry[] {
    return [...this.byDocument.values()].flatMap((entries) => [...entries.values()].map(strip));
  }
}

function strip({ seenAt: _, ...entry }: PresenceEntry & { seenAt: number }): PresenceEntry {
  return entry;
}

function sameSelection(a: Selection | null, b: Selection | null): boolean {
  return a === b || (a !== null && b !== null && a.start === b.start && a.end === b.end);
}

/** What a document's stream sends as `presence`: everyone with it open, one entry per tab. */
export function documentPresence(documentId: string, entries: PresenceEntry[], at: string) {
  return {
    type: "presence" as const,
    at,
    documentId,
    people: entries
      .map((e) => ({ connection: e.key, user: e.user, color: e.color, selection: e.selection }))
      .sort((a, b) => (a.connection < b.connection ? -1 : 1)),
  };
}

/** What a project's stream sends as `presence`: who has which document open (once per user and document). */
export function projectPresence(projectId: string, entries: PresenceEntry[], at: string) {
  const seen = new Map<string, { user: PresenceEntry["user"]; color: string; documentId: string }>();
  for (const e of entries) seen.set(`${e.user.id}\u0000${e.documentId}`, { user: e.user, color: e.color, documentId: e.documentId });
  return { type: "presence" as const, at, projectId, people: [...seen.values()].sort((a, b) => (a.user.name < b.user.name ? -1 : 1)) };
}
