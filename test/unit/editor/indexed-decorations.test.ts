import { Node as PMNode, Schema } from "@tiptap/pm/model";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { describe, expect, it } from "vitest";
import { indexedSet } from "@/components/editor/highlight-plugin";
import { seededRandom } from "../text/random-text";

const schema = new Schema({ nodes: { doc: { content: "paragraph+" }, paragraph: { content: "text*" }, text: {} } });

function randomDoc(random: () => number, lines: number): PMNode {
  const paragraphs = Array.from({ length: lines }, () => {
    const length = Math.floor(random() * 12);
    return { type: "paragraph", content: length ? [{ type: "text", text: "x".repeat(length) }] : [] };
  });
  return PMNode.fromJSON(schema, { type: "doc", content: paragraphs });
}

/** What a child's decorations come to, comparable across sets: [from, to, id] in order. */
function described(set: ReturnType<DecorationSet["forChild"]>): [number, number, string][] {
  const found: Decoration[] = [];
  set.forEachSet((s) => found.push(...s.find()));
  return found.map((d) => [d.from, d.to, (d.spec as { id: string }).id] as [number, number, string]).sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2].localeCompare(b[2]));
}

describe("indexedSet (binary-searched decorations for the reader)", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])("gives every paragraph the same decorations as ProseMirror's own set (seed %i)", (seed) => {
    const random = seededRandom(seed);
    const doc = randomDoc(random, 1 + Math.floor(random() * 300));
    const size = doc.content.size;
    const decorations = Array.from({ length: Math.floor(random() * 400) }, (_, i) => {
      const from = Math.floor(random() * size);
      const to = Math.min(size, from + 1 + Math.floor(random() * 30)); // some cross paragraph ends
      return Decoration.inline(from, to, { class: "tw-hl" }, { id: `a${i}` });
    });
    const set = DecorationSet.create(doc, decorations);
    const fast = indexedSet(set);
    let checked = 0;
    doc.forEach((child, offset) => {
      expect(described(fast.forChild(offset, child))).toEqual(described(set.forChild(offset, child)));
      checked++;
    });
    expect(checked).toBe(doc.childCount);
    // The same set gets the same wrapper, so an unchanged set compares equal by identity.
    expect(indexedSet(set)).toBe(fast);
    expect(fast.find().length).toBe(set.find().length);
  });

  it("leaves the empty set as it is", () => {
    expect(indexedSet(DecorationSet.empty)).toBe(DecorationSet.empty);
  });
});
