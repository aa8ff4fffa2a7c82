import { ApiError, annotationsApi } from "./api";
import type { AnnotationStore } from "./annotation-store";
import type { Annotation, AnnotationPatch, CreateInput, LabelInfo } from "./types";

/**
 * A handle on an annotation: its id changes once, when the optimistic one is saved; undo and redo
 * never change it (a delete leaves a tombstone that restore brings back, issue 12).
 */
interface Ref {
  id: string;
}

type Entry =
  | { kind: "create"; ref: Ref; snapshot: Annotation }
  | { kind: "delete"; ref: Ref; snapshot: Annotation }
  | { kind: "update"; ref: Ref; before: AnnotationPatch; after: AnnotationPatch };

export interface Notice {
  tone: "error" | "info";
  message: string;
}

export interface CommandEvents {
  notice: (notice: Notice) => void;
  /** An optimistic or re-created annotation got a new id (keep the selection on it). */
  renamed: (from: string, to: string) => void;
  /** The undo/redo stacks changed. */
  history: (state: { canUndo: boolean; canRedo: boolean }) => void;
}

export const CONFLICT_MESSAGE = "This annotation was changed by someone else. Its current version is now shown; make your change again if it still applies.";

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : "Something went wrong. Try again.";
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

/**
 * Every annotation action of the editor: optimistic creation, PATCH/DELETE with the version seen,
 * 409 recovery, and undo/redo — where each step is an ordinary API call, so it is authorized and
 * audited like any other change. Calls run one after another, in the order the analyst acted.
 */
export class AnnotationCommands {
  private undoStack: Entry[] = [];
  private redoStack: Entry[] = [];
  private refs = new Map<string, Ref>();
  private queue: Promise<unknown> = Promise.resolve();
  private sequence = 0;

  constructor(
    private readonly store: AnnotationStore,
    private readonly documentId: string,
    private readonly author: Annotation["author"],
    private readonly on: CommandEvents,
  ) {}

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private refFor(id: string): Ref {
    let ref = this.refs.get(id);
    if (!ref) this.refs.set(id, (ref = { id }));
    return ref;
  }

  private rename(ref: Ref, id: string): void {
    const from = ref.id;
    ref.id = id;
    this.refs.set(id, ref);
    this.on.renamed(from, id);
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

  private fail(err: unknown, id?: string): void {
    if (err instanceof ApiError && err.status === 409 && err.current) {
      this.store.upsert(err.current);
      this.on.notice({ tone: "error", message: CONFLICT_MESSAGE });
      return;
    }
    if (err instanceof ApiError && err.status === 404 && id) this.store.remove(id);
    this.on.notice({ tone: "error", message: errorMessage(err) });
  }

  /** Shows the annotation at once and returns its temporary id; the server's replaces it. */
  create(input: CreateInput, label: LabelInfo): string {
    const tempId = `pending-${++this.sequence}-${Date.now().toString(36)}`;
    const now = new Date().toISOString();
    const optimistic: Annotation = {
      id: tempId,
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
    };
    this.store.upsert(optimistic);
    void this.enqueue(async () => {
      try {
        const created = await annotationsApi.create(this.documentId, input);
        // Rename first: the selection follows the id before the optimistic one disappears.
        this.rename(this.refFor(tempId), created.id);
        this.store.replace(tempId, created);
        this.push({ kind: "create", ref: this.refFor(created.id), snapshot: created });
      } catch (err) {
        this.store.remove(tempId);
        this.on.notice({ tone: "error", message: `Could not tag ${quoteOf(input)}: ${errorMessage(err)}` });
      }
    });
    return tempId;
  }

  update(id: string, patch: AnnotationPatch): Promise<boolean> {
    return this.enqueue(async () => {
      const current = this.store.get(id);
      if (!current || current.pending) return false;
      try {
        const updated = await annotationsApi.update(id, current.version, patch);
        this.store.upsert(updated);
        this.push({ kind: "update", ref: this.refFor(id), before: inverseOf(current, patch), after: patch });
        return true;
      } catch (err) {
        this.fail(err, id);
        return false;
      }
    });
  }

  remove(id: string): Promise<boolean> {
    return this.enqueue(async () => {
      const current = this.store.get(id);
      if (!current || current.pending) return false;
      try {
        await annotationsApi.remove(id, current.version);
        this.store.remove(id);
        this.push({ kind: "delete", ref: this.refFor(id), snapshot: current });
        this.on.notice({ tone: "info", message: `Deleted ${quoteOf(current)}. Press Ctrl+Z to undo.` });
        return true;
      } catch (err) {
        this.fail(err, id);
        return false;
      }
    });
  }

  undo(): Promise<void> {
    return this.enqueue(() => this.step(this.undoStack, this.redoStack, "undo"));
  }

  redo(): Promise<void> {
    return this.enqueue(() => this.step(this.redoStack, this.undoStack, "redo"));
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
      this.fail(err, entry.ref.id);
    }
    this.emitHistory();
  }

  private async perform(entry: Entry, direction: "undo" | "redo"): Promise<string> {
    const removing = (entry.kind === "create") === (direction === "undo");
    if (entry.kind === "update") {
      const current = this.store.get(entry.ref.id);
      if (!current) throw new ApiError(404, "not_found", "The annotation no longer exists.");
      const patch = direction === "undo" ? entry.before : entry.after;
      this.store.upsert(await annotationsApi.update(current.id, current.version, patch));
      return `${direction === "undo" ? "Undid" : "Redid"} the change to ${quoteOf(current)}.`;
    }
    if (removing) {
      const current = this.store.get(entry.ref.id);
      if (!current) throw new ApiError(404, "not_found", "The annotation no longer exists.");
      await annotationsApi.remove(current.id, current.version);
      this.store.remove(current.id);
      return `${direction === "undo" ? "Undid" : "Redid"}: removed ${quoteOf(current)}.`;
    }
    // Undoing a delete (or redoing a create) restores the tombstone: same id, author and history.
    const tombstone = await annotationsApi.getDeleted(entry.ref.id);
    const created = await annotationsApi.restore(tombstone.id, tombstone.version);
    this.store.upsert(created);
    return `${direction === "undo" ? "Undid" : "Redid"}: restored ${quoteOf(created)}.`;
  }
}
