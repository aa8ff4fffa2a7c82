import { Schema } from "@tiptap/pm/model";
import { EditorState } from "@tiptap/pm/state";
import type { Decoration } from "@tiptap/pm/view";
import { describe, expect, it } from "vitest";
import { createFindPlugin, findKey, findMeta, type FindMeta } from "@/components/editor/find-plugin";
import { buildSegmentTable, rangeToPos, toEditorDoc } from "@/lib/text/editor-positions";
import { findMatches } from "@/lib/text/find-matches";

// The reader's document shape: blocks of paragraphs, one paragraph per line.
const schema = new Schema({
  nodes: { doc: { content: "lineBlock+" }, lineBlock: { content: "paragraph+" }, paragraph: { content: "text*" }, text: {} },
});

function stateFor(text: string) {
  const table = buildSegmentTable(text, { linesPerBlock: 4 });
  const state = EditorState.create({ doc: schema.nodeFromJSON(toEditorDoc(table)), plugins: [createFindPlugin()] });
  return { table, state };
}

const send = (state: EditorState, meta: FindMeta) => state.apply(findMeta(state.tr, meta));

/** Every decoration drawn, as [text, current?], in document order. */
function drawn(state: EditorState): [string, boolean][] {
  const set = findKey.getState(state)!.set;
  return set
    .find()
    .sort((a, b) => a.from - b.from)
    .map((d: Decoration) => [state.doc.textBetween(d.from, d.to), "data-find-current" in (d as unknown as { type: { attrs: object } }).type.attrs]);
}

describe("the find plugin", () => {
  const text = "Convoy near the pass\nthe convoy\n\nİİİ CONVOY 🇦🇫\nlast convoy\nmore\ncONVOY";

  it("marks every match and exactly one current match as the current one moves", () => {
    const { table, state: initial } = stateFor(text);
    const matches = findMatches(text, "convoy").matches.map((m) => rangeToPos(table, m.start, m.end));
    expect(matches).toHaveLength(5);
    let state = send(initial, { type: "show", matches, offset: 0, current: 0 });
    expect(drawn(state)).toEqual([["Convoy", true], ["convoy", false], ["CONVOY", false], ["convoy", false], ["cONVOY", false]]);
    for (const current of [1, 2, 4, 0, 3]) {
      state = send(state, { type: "current", current });
      const marks = drawn(state);
      expect(marks).toHaveLength(5);
      expect(marks.map(([, isCurrent]) => isCurrent)).toEqual([0, 1, 2, 3, 4].map((i) => i === current));
    }
    expect(findKey.getState(state)!.current).toBe(3);
    state = send(state, { type: "clear" });
    expect(drawn(state)).toEqual([]);
  });

  it("keeps one current match among thousands", () => {
    const long = Array.from({ length: 3000 }, (_, i) => `${i} convoy 😀 and convoy`).join("\n");
    const { table, state: initial } = stateFor(long);
    const matches = findMatches(long, "convoy").matches.map((m) => rangeToPos(table, m.start, m.end));
    expect(matches).toHaveLength(6000);
    let state = send(initial, { type: "show", matches, offset: 0, current: 5999 });
    for (const current of [0, 1, 2999, 3000]) state = send(state, { type: "current", current });
    const marks = drawn(state);
    expect(marks).toHaveLength(6000);
    expect(marks.every(([quote]) => quote === "convoy")).toBe(true);
    expect(marks.flatMap(([, isCurrent], i) => (isCurrent ? [i] : []))).toEqual([3000]);
  });

  it("draws a run of the matches, counting the current one in the whole list", () => {
    const { table, state: initial } = stateFor(text);
    const all = findMatches(text, "convoy").matches.map((m) => rangeToPos(table, m.start, m.end));
    let state = send(initial, { type: "show", matches: all.slice(2, 4), offset: 2, current: 3 });
    expect(drawn(state)).toEqual([["CONVOY", false], ["convoy", true]]);
    state = send(state, { type: "current", current: 2 });
    expect(drawn(state)).toEqual([["CONVOY", true], ["convoy", false]]);
    state = send(state, { type: "current", current: 0 }); // not drawn: nothing is current among the drawn
    expect(drawn(state)).toEqual([["CONVOY", false], ["convoy", false]]);
    state = send(state, { type: "current", current: 3 });
    expect(drawn(state)).toEqual([["CONVOY", false], ["convoy", true]]);
  });
});
