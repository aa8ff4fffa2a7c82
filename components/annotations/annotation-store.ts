import type { Annotation } from "./types";

export interface StoreChange {
  upsert: Annotation[];
  remove: string[];
}

type Listener = (change: StoreChange) => void;

/** A version made by someone else: who, and when it arrived here (ms). */
export interface OtherChange {
  actor: { id: string; name: string };
  version: number;
  at: number;
}

const byPosition = (a: Annotation, b: Annotation) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : 1);

/**
 * The annotations of one document, outside React: the reader applies each change to its
 * decorations incrementally, while lists read a sorted snapshot (rebuilt lazily, once per change)
 * through useSyncExternalStore. With 10,000 annotations neither re-diffs the whole set.
 *
 * The one way in for what the server says: a reply to this tab's own call and (later) a live
 * update from another tab arrive here alike. Ids are chosen by the client before the create, so
 * an echo of the same annotation replaces it instead of adding a second highlight, and an answer
 * older than what is shown (a lower version, or a version of an annotation since removed) is
 * dropped instead of undoing a newer change.
 */
export class AnnotationStore {
  private byId = new Map<string, Annotation>();
  /** The version an annotation had when it was removed here: older news of it is stale. */
  private removedAt = new Map<string, number>();
  private sorted: Annotation[] | null = null;
  /** Versions that arrived from someone else (live), with who and when. */
  private byOthers = new Map<string, OtherChange>();
  private listeners = new Set<Listener>();

  constructor(initial: readonly Annotation[]) {
    for (const annotation of initial) this.byId.set(annotation.id, annotation);
  }

  get(id: string): Annotation | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.byId.size;
  }

  /** All annotations by start, longest first at the same start. Stable between changes. */
  getSnapshot = (): readonly Annotation[] => {
    this.sorted ??= [...this.byId.values()].sort(byPosition);
    return this.sorted;
  };

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  apply(change: Partial<StoreChange>): void {
    const upsert = (change.upsert ?? []).filter((annotation) => this.isNews(annotation));
    const remove = (change.remove ?? []).filter((id) => this.byId.has(id));
    if (!upsert.length && !remove.length) return;
    for (const id of remove) {
      this.removedAt.set(id, this.byId.get(id)!.version);
      this.byId.delete(id);
    }
    for (const annotation of upsert) {
      this.byId.set(annotation.id, annotation);
      if (!annotation.pending) this.removedAt.delete(annotation.id);
    }
    this.sorted = this.sorted && this.patchSorted(this.sorted, upsert, remove);
    for (const listener of this.listeners) listener({ upsert, remove });
  }

  /** An optimistic annotation is always news; a server's only if newer than what this store has seen of it. */
  private isNews(annotation: Annotation): boolean {
    if (annotation.pending) return true;
    const shown = this.byId.get(annotation.id);
    if (shown && !shown.pending) return annotation.version > shown.version;
    const removed = this.removedAt.get(annotation.id);
    return removed === undefined || annotation.version > removed;
  }

  /** A change of a few annotations keeps the order by insertion, not by re-sorting them all. */
  private patchSorted(sorted: readonly Annotation[], upsert: Annotation[], remove: string[]): Annotation[] | null {
    if (upsert.length + remove.length > 64) return null;
    const gone = new Set([...remove, ...upsert.map((a) => a.id)]);
    const next = sorted.filter((a) => !gone.has(a.id));
    for (const annotation of upsert) {
      let lo = 0;
      let hi = next.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (byPosition(next[mid]!, annotation) < 0) lo = mid + 1;
        else hi = mid;
      }
      next.splice(lo, 0, annotation);
    }
    return next;
  }

  /**
   * A change from the event stream, whoever made it: the annotation at the version it reached, a
   * tombstone (deletedAt) for a delete. Older than what is shown (this tab's own reply came
   * first, or a later change already arrived) it changes nothing. True when it changed something.
   */
  receive(annotation: Annotation, by?: OtherChange["actor"]): boolean {
    const shown = this.byId.get(annotation.id);
    if (by && (!shown || shown.pending || annotation.version > shown.version)) {
      this.byOthers.set(annotation.id, { actor: by, version: annotation.version, at: Date.now() });
    }
    if (annotation.deletedAt) {
      if (shown && !shown.pending && shown.version >= annotation.version) return false;
      if (!shown) {
        const removed = this.removedAt.get(annotation.id) ?? 0;
        if (annotation.version > removed) this.removedAt.set(annotation.id, annotation.version);
        return false;
      }
      this.byId.delete(annotation.id);
      this.removedAt.set(annotation.id, annotation.version);
      this.sorted = this.sorted && this.patchSorted(this.sorted, [], [annotation.id]);
      for (const listener of this.listeners) listener({ upsert: [], remove: [annotation.id] });
      return true;
    }
    if (!this.isNews(annotation)) return false;
    this.apply({ upsert: [annotation] });
    return true;
  }

  /** Who else made the version shown of `id`, if someone else did (stable: lists take it as a prop). */
  changedBy = (id: string): OtherChange | undefined => {
    const change = this.byOthers.get(id);
    return change && change.version === this.byId.get(id)?.version ? change : undefined;
  };

  upsert(...annotations: Annotation[]): void {
    this.apply({ upsert: annotations });
  }

  remove(...ids: string[]): void {
    this.apply({ remove: ids });
  }
}
