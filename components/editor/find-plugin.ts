import { Extension } from "@tiptap/core";
import type { Node as PmNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { PosRange } from "@/lib/text/editor-positions";
import { indexedSet } from "./highlight-plugin";

/**
 * The matches of the find box (find-box.tsx) as decorations, apart from the annotation
 * highlights: a <mark> per match, the current one marked stronger. Each match is its own element
 * (nodeName), so it never merges into an annotation's span, and the current one can be found in
 * the DOM to scroll to.
 *
 * "show" draws a run of the matches, `matches[i]` being match `offset + i` of the whole list
 * (use-find.ts draws those around the viewport: every <mark> costs DOM work, seen or not);
 * `current` counts in the whole list.
 */
export type FindMeta =
  | { type: "show"; matches: readonly PosRange[]; offset: number; current: number }
  | { type: "current"; current: number }
  | { type: "clear" };

interface FindState {
  set: DecorationSet;
  /** One decoration per match, in match order, to restyle a single one. */
  decorations: readonly Decoration[];
  matches: readonly PosRange[];
  offset: number;
  current: number;
}

const EMPTY: FindState = { set: DecorationSet.empty, decorations: [], matches: [], offset: 0, current: -1 };

export const findKey = new PluginKey<FindState>("tracewell-find");

function decorate(match: PosRange, current: boolean): Decoration {
  return Decoration.inline(match.from, match.to, current ? { nodeName: "mark", class: "tw-find tw-find-current", "data-find-current": "" } : { nodeName: "mark", class: "tw-find" });
}

function show(doc: PmNode, matches: readonly PosRange[], offset: number, current: number): FindState {
  const size = doc.content.size;
  const valid = matches.every((m) => m.from >= 0 && m.to <= size && m.from < m.to);
  if (!valid) return EMPTY;
  const decorations = matches.map((match, i) => decorate(match, offset + i === current));
  // A copy: create() nulls the entries of the array it is given as it files them away.
  return { set: DecorationSet.create(doc, [...decorations]), decorations, matches, offset, current };
}

/** Only the old and the new current match are redrawn, whatever the number of matches. */
function move(doc: PmNode, state: FindState, current: number): FindState {
  if (current === state.current) return state;
  const decorations = [...state.decorations];
  const removed: Decoration[] = [];
  const added: Decoration[] = [];
  for (const [global, isCurrent] of [[state.current, false], [current, true]] as const) {
    const index = global - state.offset;
    const match = state.matches[index];
    if (!match) continue;
    removed.push(decorations[index]!);
    decorations[index] = decorate(match, isCurrent);
    added.push(decorations[index]);
  }
  return { ...state, set: state.set.remove(removed).add(doc, [...added]), decorations, current };
}

function apply(tr: Transaction, value: FindState, _old: EditorState, next: EditorState): FindState {
  const meta = tr.getMeta(findKey) as FindMeta | undefined;
  if (!meta) return value;
  switch (meta.type) {
    case "show":
      return show(next.doc, meta.matches, meta.offset, meta.current);
    case "current":
      return move(next.doc, value, meta.current);
    case "clear":
      return EMPTY;
  }
}

/** The plugin itself, apart from Tiptap, so it can be tested on a plain ProseMirror state. */
export function createFindPlugin(): Plugin<FindState> {
  return new Plugin<FindState>({
    key: findKey,
    state: { init: () => EMPTY, apply },
    props: {
      // Binary-searched per line, like the highlights: thousands of matches over ~10,000 lines.
      decorations: (state) => {
        const set = findKey.getState(state)?.set;
        return set && indexedSet(set);
      },
    },
  });
}

export const FindMatches = Extension.create({
  name: "findMatches",
  addProseMirrorPlugins: () => [createFindPlugin()],
});

export function findMeta(tr: Transaction, meta: FindMeta): Transaction {
  return tr.setMeta(findKey, meta).setMeta("addToHistory", false);
}
