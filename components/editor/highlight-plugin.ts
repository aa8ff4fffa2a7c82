import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { Node as PmNode } from "@tiptap/pm/model";
import { assignLevels, freeLevel } from "./highlight-levels";
import type { AnnotationStatus } from "@/lib/annotations/shape";

/** One annotation as the reader draws it, already in editor positions. */
export interface Highlight {
  id: string;
  from: number;
  to: number;
  color: string;
  pending?: boolean;
  /** The review status: drawn as dashed (pending), solid (accepted) or struck through (rejected). */
  status?: AnnotationStatus;
}

export type Meta =
  | { type: "reset"; highlights: Highlight[] }
  | { type: "change"; upsert: Highlight[]; remove: string[] }
  | { type: "select"; id: string | null }
  | { type: "flash"; id: string | null };

interface Entry {
  highlight: Highlight;
  level: number;
  deco: Decoration;
}

interface HighlightState {
  set: DecorationSet;
  entries: Map<string, Entry>;
  selectedId: string | null;
  flashId: string | null;
}

export const highlightKey = new PluginKey<HighlightState>("tracewell-highlights");

/** Levels above this share the top band; more than four nested spans at one point is rare. */
const MAX_VISIBLE_LEVEL = 3;
const SAFE_COLOR = /^#[0-9a-f]{3,8}$/i;

function decorate(highlight: Highlight, level: number, state: Pick<HighlightState, "selectedId" | "flashId">): Decoration {
  const classes = ["tw-hl"];
  if (highlight.id === state.selectedId) classes.push("tw-hl-selected");
  if (highlight.id === state.flashId) classes.push("tw-hl-flash");
  if (highlight.pending) classes.push("tw-hl-pending");
  else if (highlight.status) classes.push(highlight.status === "pending" ? "tw-hl-review-pending" : `tw-hl-${highlight.status}`);
  const color = SAFE_COLOR.test(highlight.color) ? highlight.color : "#64748b";
  // nodeName gives every annotation an element of its own (ProseMirror would otherwise merge
  // the attributes of overlapping decorations into one span and keep only the last id).
  return Decoration.inline(
    highlight.from,
    highlight.to,
    {
      nodeName: "span",
      class: classes.join(" "),
      style: `--hl:${color};--lv:${Math.min(level, MAX_VISIBLE_LEVEL)}`,
      "data-annotation-id": highlight.id,
    },
    { id: highlight.id, level },
  );
}

function reset(doc: PmNode, highlights: Highlight[], previous: HighlightState): HighlightState {
  const size = doc.content.size;
  const valid = highlights.filter((h) => h.from >= 0 && h.to <= size && h.from < h.to);
  const levels = assignLevels(valid);
  const entries = new Map<string, Entry>();
  const decos = valid.map((highlight, i) => {
    const deco = decorate(highlight, levels[i]!, previous);
    entries.set(highlight.id, { highlight, level: levels[i]!, deco });
    return deco;
  });
  return { ...previous, set: DecorationSet.create(doc, decos), entries };
}

/** Incremental: only the changed highlights are removed and added, whatever the total. */
function change(doc: PmNode, upsert: Highlight[], remove: string[], state: HighlightState): HighlightState {
  const entries = new Map(state.entries);
  const removed: Decoration[] = [];
  for (const id of [...remove, ...upsert.map((h) => h.id)]) {
    const entry = entries.get(id);
    if (!entry) continue;
    removed.push(entry.deco);
    entries.delete(id);
  }
  let set = removed.length ? state.set.remove(removed) : state.set;
  const added: Decoration[] = [];
  const size = doc.content.size;
  for (const highlight of upsert) {
    if (highlight.from < 0 || highlight.to > size || highlight.from >= highlight.to) continue;
    const overlapping = [...set.find(highlight.from, highlight.to), ...added].filter(
      (d) => d.from < highlight.to && d.to > highlight.from,
    );
    const level = freeLevel(overlapping.map((d) => (d.spec as { level: number }).level));
    const deco = decorate(highlight, level, state);
    entries.set(highlight.id, { highlight, level, deco });
    added.push(deco);
  }
  if (added.length) set = set.add(doc, added);
  return { ...state, set, entries };
}

/** Redraws the given highlights (e.g. for a new selection) at their current levels. */
function restyle(doc: PmNode, ids: (string | null)[], state: HighlightState): HighlightState {
  const entries = new Map(state.entries);
  const removed: Decoration[] = [];
  const added: Decoration[] = [];
  for (const id of new Set(ids)) {
    const entry = id ? entries.get(id) : undefined;
    if (!entry) continue;
    const deco = decorate(entry.highlight, entry.level, state);
    removed.push(entry.deco);
    added.push(deco);
    entries.set(entry.highlight.id, { ...entry, deco });
  }
  if (!added.length) return state;
  return { ...state, set: state.set.remove(removed).add(doc, added), entries };
}

function apply(tr: Transaction, value: HighlightState, _old: EditorState, next: EditorState): HighlightState {
  const meta = tr.getMeta(highlightKey) as Meta | Meta[] | undefined;
  if (!meta) return value;
  return (Array.isArray(meta) ? meta : [meta]).reduce((state, one) => applyOne(one, state, next), value);
}

function applyOne(meta: Meta, value: HighlightState, next: EditorState): HighlightState {
  switch (meta.type) {
    case "reset":
      return reset(next.doc, meta.highlights, value);
    case "change":
      return change(next.doc, meta.upsert, meta.remove, value);
    case "select":
      if (meta.id === value.selectedId) return value;
      return restyle(next.doc, [value.selectedId, meta.id], { ...value, selectedId: meta.id });
    case "flash":
      return restyle(next.doc, [value.flashId, meta.id], { ...value, flashId: meta.id });
  }
}

/**
 * A DecorationSet that finds a top-level node's decorations by binary search. ProseMirror's own
 * forChild scans the set's children from the start for every node it draws, which on a reader
 * with one paragraph per line makes each redraw quadratic (10,000 lines: ~50 million steps, tens
 * of milliseconds per keypress). Same data, same answers; anything unusual (decorations held at
 * the top level, which inline highlights never are) goes the original way.
 */
class IndexedDecorationSet extends DecorationSet {
  forChild(offset: number, node: PmNode): DecorationSet {
    const { local, children } = this as unknown as { local: readonly Decoration[]; children: readonly (number | DecorationSet)[] };
    if (local.length > 0 || !Array.isArray(children) || node.isLeaf) return super.forChild(offset, node) as DecorationSet;
    let lo = 0;
    let hi = children.length / 3 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = children[mid * 3] as number;
      if (start === offset) return children[mid * 3 + 2] as DecorationSet;
      if (start < offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return DecorationSet.empty;
  }
}

const indexed = new WeakMap<DecorationSet, DecorationSet>();

/** The same set, indexed; one wrapper per set, so an unchanged set stays identical (cheap eq). */
export function indexedSet(set: DecorationSet): DecorationSet {
  if (set === DecorationSet.empty) return set;
  let wrapped = indexed.get(set);
  if (!wrapped) {
    const { local, children } = set as unknown as { local: Decoration[]; children: (number | DecorationSet)[] };
    const Ctor = IndexedDecorationSet as unknown as new (local: Decoration[], children: (number | DecorationSet)[]) => DecorationSet;
    wrapped = new Ctor(local, children);
    indexed.set(set, wrapped);
  }
  return wrapped;
}

/** Annotations as ProseMirror decorations: nothing in the document changes when they do. */
export const AnnotationHighlights = Extension.create({
  name: "annotationHighlights",
  addProseMirrorPlugins() {
    return [
      new Plugin<HighlightState>({
        key: highlightKey,
        state: {
          init: () => ({ set: DecorationSet.empty, entries: new Map(), selectedId: null, flashId: null }),
          apply,
        },
        props: {
          decorations: (state) => {
            const set = highlightKey.getState(state)?.set;
            return set && indexedSet(set);
          },
        },
      }),
    ];
  },
});

/** Several changes go in one transaction, so the view is redrawn once (a walk over every paragraph). */
export function highlightMeta(tr: Transaction, meta: Meta | Meta[]): Transaction {
  return tr.setMeta(highlightKey, meta).setMeta("addToHistory", false);
}

export function highlightEntry(state: EditorState, id: string): Entry | undefined {
  return highlightKey.getState(state)?.entries.get(id);
}
