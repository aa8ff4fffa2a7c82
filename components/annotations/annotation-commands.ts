import { ApiError, annotationsApi, type AnnotationsApi } from "./api";
import type { AnnotationStore } from "./annotation-store";
import { newAnnotationId } from "./new-id";
import { plainError } from "./plain-error";
import type { Annotation, AnnotationPatch, CreateInput, LabelInfo } from "./types";

/** Ids never change: a create names its id up front, and undo of a delete restores the tombstone. */
type Entry =
  | { kind: "create"; id: string; snapshot: Annotation }
  | { kind: "delete"; id: string; snapshot: Annotation }
  | { kind: "update"; id: string; before: AnnotationPatch; after: AnnotationPatch };

export interface Notice {
  tone: "error" | "info";
  message: string;
}

/** How a change went: the panel shows a failure next to the control that asked for it. */
export type Outcome = { ok: true } | { ok: false; message: string };

export interface CommandEvents {
  notice: (notice: Notice) => void;
  /** The undo/redo stacks changed. */
  history: (state: { canUndo: boolean; canRedo: boolean }) => void;
}

function quoteOf(annotation: Pick<Annotation, "exact">): string {
  const exact = annotation.exact.length > 40 ? `${annotation.exact.slice(0, 40)}…` : annotation.exact;
  return `“${exact}”`;
}

/** The fields of `annotation` that `patch` would change, as a patch that restores them. */
function inverseOf(annotation: Annotation, patch: AnnotationPatch): AnnotationPatch {
  const before: AnnotationPatch = {};
  if (patch.label !== undefined) {
    before.label = annotation.label.id;
    before.attributes = annotation.attributes;
  }
  if (patch.start !== undefined || patch.end !== undefined) {
    Object.assign(before, { start: annotation.start, end: annotation.end, exact: annotation.exact });
  }
  if (patch.attributes !== undefined) before.attributes = annotation.attributes;
  if (patch.status !== undefined) before.status = annotation.status;
  return before;
}

/** A lost connection or a restarting server: worth one more try, which the create's id makes safe. */
function transient(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 0 || err.status === 502 || err.status === 503);
}

/**
 * Every annotation action of the editor: optimistic creation, PATCH/DELETE with the version seen,
 * 409 recovery, and undo/redo — where each step is an ordinary API call, so it is authorized and
 * audited like any other change. Calls run one after another, in the order the analyst acted, and
 * every answer reaches the screen one way: through the store.
 */
export class AnnotationCommands {
  private undoStack: Entry[] = [];
  private redoStack: Entry[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private inFlight = 0;
  /** Set while the live connection is down: writes are refused rather than lost or made blind. */
  private offline: string | null = null;

  constructor(
    private readonly store: AnnotationStore,
    private readonly documentId: string,
    private readonly author: Annotation["author"],
    private readonly on: CommandEvents,
    private readonly api: AnnotationsApi = annotationsApi(),
  ) {}

  /** Calls not yet answered: leaving the page now could lose them. */
  get busy(): boolean {
    return this.inFlight > 0;
  }

  /** While `reason` is set (the page is offline), every change is refused with it. */
  setOffline(reason: string | null): void {
    this.offline = reason;
  }

  private refused(): boolean {
    if (this.offline) this.on.notice({ tone: "error", message: this.offline });
    return this.offline !== null;
  }

  /** Resolves once every call made so far has been answered. */
  settled(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  /** Annotations with a call of this tab queued or unanswered (an echo of it is this tab's own change). */
  private touching = new Map<string, number>();

  /** Whether a call of this tab about `id` is still unanswered. */
  isBusyWith(id: string): boolean {
    return this.touching.has(id);
  }

  private enqueue<T>(task: () => Promise<T>, id?: string): Promise<T> {
    this.inFlight++;
    if (id) this.touching.set(id, (this.touching.get(id) ?? 0) + 1);
    const run = this.queue.then(task, task).finally(() => {
      this.inFlight--;
      if (!id) return;
      const left = (this.touching.get(id) ?? 1) - 1;
      if (left > 0) this.touching.set(id, left);
      else this.touching.delete(id);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private push(entry: Entry): void {
    this.undoStack.push(entry);
    if (this.undoStack.length > 200) this.undoStack.shift();
    this.redoStack = [];
    this.emitHistory();
  }

  private emitHistory(): void {
    this.on.history({ canUndo: this.undoStack.length > 0, canRedo: this.redoStack.length > 0 });
  }

  /** What a failed call means for the store: a newer version is shown, a vanished annotation goes. */
  private absorb(err: unknown, id: string): void {
    if (err instanceof ApiError && err.status === 409 && err.current) this.store.upsert(err.current);
    if (err instanceof ApiError && err.status === 404) this.store.remove(id);
  }

  /** Shows the annotation at once, under the id the server will keep, and saves it. */
  create(input: CreateInput, label: LabelInfo, id: string = newAnnotationId()): string {
    if (this.refused()) return id;
    const now = new Date().toISOString();
    this.store.upsert({
      id,
      documentId: this.documentId,
      start: input.start,
      end: input.end,
      exact: input.exact,
      prefix: "",
      suffix: "",
      label,
      attributes: input.attributes ?? {},
      status: "pending",
      version: 0,
      author: this.author,
      createdAt: now,
      updatedAt: now,
      pending: true,
    });
    void this.enqueue(async () => {
      const send = () => this.api.create(this.documentId, { ...input, id });
      try {
        const created = await send().catch((err: unknown) => (transient(err) ? send() : Promise.reject(err)));
        this.store.upsert(created);
        this.push({ kind: "create", id, snapshot: created });
      } catch (err) {
        this.store.remove(id);
        this.on.notice({ tone: "error", message: `Could not tag ${quoteOf(input)}: ${plainError(err)}` });
      }
    }, id);
    return id;
  }

  /** Saves a change to the annotation as last seen; a failure is returned, not announced. */
  update(id: string, patch: AnnotationPatch): Promise<Outcome> {
    if (this.offline) return Promise.resolve({ ok: false, message: this.offline });
    return this.enqueue(async () => {
      const current = this.store.get(id);
      if (!current) return { ok: false, message: "This annotation no longer exists; someone else deleted it." };
      if (current.pending) return { ok: false, message: "The annotation is still being saved; try again in a moment." };
      try {
        this.store.upsert(await this.api.update(id, current.version, patch));
        this.push({ kind: "update", id, before: inverseOf(current, patch), after: patch });
        return { ok: true };
      } catch (err) {
        this.absorb(err, id);
        return { ok: false, message: plainError(err) };
      }
    }, id);
  }

  remove(id: string): Promise<boolean> {
    if (this.refused()) return Promise.resolve(false);
    return this.enqueue(async () => {
      const current = this.store.get(id);
      if (!current || current.pending) return false;
      try {
        await this.api.remove(id, current.version);
        this.store.remove(id);
        this.push({ kind: "delete", id, snapshot: current });
        this.on.notice({ tone: "info", message: `Deleted ${quoteOf(current)}. Press Ctrl+Z to undo.` });
        return true;
      } catch (err) {
        this.absorb(err, id);
        this.on.notice({ tone: "error", message: `Could not delete ${quoteOf(current)}: ${plainError(err)}` });
        return false;
      }
    }, id);
  }

  undo(): Promise<void> {
    if (this.refused()) return Promise.resolve();
    return this.enqueue(() => this.step(this.undoStack, this.redoStack, "undo"), this.undoStack.at(-1)?.id);
  }

  redo(): Promise<void> {
    if (this.refused()) return Promise.resolve();
    return this.enqueue(() => this.step(this.redoStack, this.undoStack, "redo"), this.redoStack.at(-1)?.id);
  }

  private async step(from: Entry[], to: Entry[], direction: "undo" | "redo"): Promise<void> {
    const entry = from.pop();
    if (!entry) return;
    try {
      const message = await this.perform(entry, direction);
      to.push(entry);
      this.on.notice({ tone: "info", message });
    } catch (err) {
      // The step cannot be taken (someone else changed or deleted the annotation): drop it
      // rather than leave a history that no longer matches the server.
      this.absorb(err, entry.id);
      this.on.notice({ tone: "error", message: `Could not ${direction}: ${plainError(err)}` });
    }
    this.emitHistory();
  }

  private async perform(entry: Entry, direction: "undo" | "redo"): Promise<string> {
    const done = direction === "undo" ? "Undid" : "Redid";
    const removing = (entry.kind === "create") === (direction === "undo");
    if (entry.kind === "update" || removing) {
      const current = this.store.get(entry.id);
      if (!current) throw new ApiError(404, "not_found", "The annotation no longer exists.");
      if (entry.kind === "update") {
        this.store.upsert(await this.api.update(current.id, current.version, direction === "undo" ? entry.before : entry.after));
        return `${done} the change to ${quoteOf(current)}.`;
      }
      await this.api.remove(current.id, current.version);
      this.store.remove(current.id);
      return `${done}: removed ${quoteOf(current)}.`;
    }
    // Undoing a delete (or redoing a create) restores the tombstone: same id, author and history.
    const tombstone = await this.api.getDeleted(entry.id);
    const restored = await this.api.restore(tombstone.id, tombstone.version);
    this.store.upsert(restored);
    return `${done}: restored ${quoteOf(restored)}.`;
  }
}
