import { describe, expect, it } from "vitest";
import { AnnotationStore, type StoreChange } from "@/components/annotations/annotation-store";
import type { Annotation } from "@/components/annotations/types";

const LABEL = { id: "l1", name: "Entity", kind: "entity", color: "#123456", hotkey: "2" } as const;

function annotation(id: string, start: number, end: number, version = 1, extra: Partial<Annotation> = {}): Annotation {
  return {
    id,
    documentId: "d1",
    start,
    end,
    exact: "x".repeat(end - start),
    prefix: "",
    suffix: "",
    label: { ...LABEL },
    attributes: {},
    status: "pending",
    version,
    author: { id: "u1", name: "A", email: "a@example.org" },
    createdAt: "2026-12-03T00:00:00.000Z",
    updatedAt: "2026-12-03T00:00:00.000Z",
    ...extra,
  };
}

function watch(store: AnnotationStore): StoreChange[] {
  const changes: StoreChange[] = [];
  store.subscribe((change) => changes.push(change));
  return changes;
}

describe("AnnotationStore: the one way server answers reach the screen", () => {
  it("replaces an optimistic annotation by the server's under the same id: one entry, never two", () => {
    const store = new AnnotationStore([]);
    const changes = watch(store);
    store.upsert(annotation("a", 0, 3, 0, { pending: true }));
    store.upsert(annotation("a", 0, 3, 1));
    // A second echo of the same create (a retry's answer, later a live update) changes nothing.
    store.upsert(annotation("a", 0, 3, 1));
    expect(store.getSnapshot().map((a) => [a.id, a.version, a.pending])).toEqual([["a", 1, undefined]]);
    expect(changes.map((c) => c.upsert.map((a) => a.version))).toEqual([[0], [1]]);
  });

  it("drops an answer older than what is shown, and accepts a newer one", () => {
    const store = new AnnotationStore([annotation("a", 0, 3, 3)]);
    const changes = watch(store);
    store.upsert(annotation("a", 5, 9, 2));
    expect(store.get("a")!.start).toBe(0);
    expect(changes).toHaveLength(0);
    store.upsert(annotation("a", 5, 9, 4));
    expect(store.get("a")!.start).toBe(5);
    expect(changes).toHaveLength(1);
  });

  it("does not bring back a removed annotation on late news of it; a restore (newer version) does", () => {
    const store = new AnnotationStore([annotation("a", 0, 3, 2)]);
    store.remove("a");
    store.upsert(annotation("a", 0, 3, 2));
    store.upsert(annotation("a", 0, 3, 1));
    expect(store.get("a")).toBeUndefined();
    store.upsert(annotation("a", 0, 3, 4));
    expect(store.get("a")?.version).toBe(4);
  });

  it("ignores removing what it does not hold, and tells listeners only what changed", () => {
    const store = new AnnotationStore([annotation("a", 0, 3)]);
    const changes = watch(store);
    store.remove("nope");
    store.apply({ upsert: [annotation("b", 1, 2)], remove: ["a", "zz"] });
    expect(changes).toEqual([{ upsert: [expect.objectContaining({ id: "b" })], remove: ["a"] }]);
  });

  it("keeps its snapshot sorted (start, longest first, id) through many small changes", () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 48271) % 2147483647) % n);
    const store = new AnnotationStore(Array.from({ length: 50 }, (_, i) => annotation(`i${i}`, random(100), 100 + random(50))));
    store.getSnapshot();
    for (let step = 0; step < 300; step++) {
      const id = `i${random(80)}`;
      const current = store.get(id);
      if (current && random(3) === 0) store.remove(id);
      else {
        const start = random(100);
        store.upsert(annotation(id, start, start + 1 + random(30), (current?.version ?? 0) + 1));
      }
      const snapshot = store.getSnapshot();
      const sorted = [...snapshot].sort((a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : 1));
      expect(snapshot.map((a) => a.id)).toEqual(sorted.map((a) => a.id));
      expect(snapshot).toHaveLength(store.size);
    }
  });
});

describe("AnnotationStore.receive: live changes from the event stream", () => {
  const ann = { id: "u2", name: "Ann" };
  const tombstone = (id: string, version: number) => annotation(id, 0, 3, version, { deletedAt: "2026-12-03T00:00:01.000Z", deletedById: "u2" });

  it("applies someone else's newer version, once, and says who made it", () => {
    const store = new AnnotationStore([annotation("a", 0, 3, 1)]);
    const changes = watch(store);
    expect(store.receive(annotation("a", 0, 4, 2), ann)).toBe(true);
    expect(store.receive(annotation("a", 0, 4, 2), ann)).toBe(false);
    expect(store.get("a")).toMatchObject({ end: 4, version: 2 });
    expect(store.changedBy("a")).toMatchObject({ actor: ann, version: 2 });
    expect(changes).toHaveLength(1);
  });

  it("an echo of this tab's own reply changes nothing and names no one", () => {
    const store = new AnnotationStore([]);
    store.upsert(annotation("a", 0, 3, 1));
    expect(store.receive(annotation("a", 0, 3, 1))).toBe(false);
    expect(store.changedBy("a")).toBeUndefined();
  });

  it("removes on a delete's tombstone, but not one older than what is shown (a restore already arrived)", () => {
    const store = new AnnotationStore([annotation("a", 0, 3, 4), annotation("b", 5, 8, 1)]);
    // "a" was deleted at version 3 and restored at 4 (this tab's reply came first): the old delete is stale.
    expect(store.receive(tombstone("a", 3), ann)).toBe(false);
    expect(store.get("a")).toBeDefined();
    expect(store.receive(tombstone("b", 2), ann)).toBe(true);
    expect(store.get("b")).toBeUndefined();
    // A late news of "b" before its delete does not bring it back; its restore does.
    expect(store.receive(annotation("b", 5, 8, 1), ann)).toBe(false);
    expect(store.receive(annotation("b", 5, 8, 3), ann)).toBe(true);
    expect(store.getSnapshot().map((a) => a.id)).toEqual(["a", "b"]);
  });

  it("remembers a tombstone of an annotation it never showed, so older news of it stays out", () => {
    const store = new AnnotationStore([]);
    expect(store.receive(tombstone("c", 2), ann)).toBe(false);
    expect(store.receive(annotation("c", 0, 3, 1), ann)).toBe(false);
    expect(store.size).toBe(0);
  });

  it("forgets who changed it once a newer version is this tab's own", () => {
    const store = new AnnotationStore([annotation("a", 0, 3, 1)]);
    store.receive(annotation("a", 0, 3, 2), ann);
    store.upsert(annotation("a", 0, 3, 3));
    expect(store.changedBy("a")).toBeUndefined();
  });
});
