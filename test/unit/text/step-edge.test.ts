import { describe, expect, it } from "vitest";
import { CodePointIndex, codePointLength, sliceCodePoints, utf16ToCodePoint } from "@/lib/text/code-points";
import { stepEdge, type Edge, type StepUnit } from "@/lib/text/snap";

/** Steps one edge of the span that is `selected`'s first occurrence; the new span's text, or null. */
function step(text: string, selected: string, edge: Edge, direction: "extend" | "shrink", unit: StepUnit): string | null {
  const u = text.indexOf(selected);
  if (u < 0) throw new Error(`"${selected}" is not in the text`);
  const start = utf16ToCodePoint(text, u);
  const span = { start, end: start + codePointLength(selected) };
  const moved = stepEdge(new CodePointIndex(text), span, edge, direction, unit);
  return moved && sliceCodePoints(text, moved.start, moved.end);
}

describe("stepEdge (the side panel's boundary buttons)", () => {
  const text = "More than 6,000 fighters crossed the border.";

  it("moves either edge by a word, outwards or inwards, skipping spaces and punctuation", () => {
    expect(step(text, "6,000 fighters", "start", "extend", "word")).toBe("than 6,000 fighters");
    expect(step(text, "6,000 fighters", "end", "extend", "word")).toBe("6,000 fighters crossed");
    expect(step(text, "than 6,000 fighters", "start", "shrink", "word")).toBe("6,000 fighters");
    expect(step(text, "than 6,000 fighters", "end", "shrink", "word")).toBe("than 6,000");
    expect(step(text, "the border", "end", "extend", "word")).toBeNull(); // "." is not a word
  });

  it("moves by a character, never onto whitespace", () => {
    expect(step(text, "than", "start", "extend", "character")).toBe("e than");
    expect(step(text, "than", "end", "extend", "character")).toBe("than 6");
    expect(step(text, "than", "start", "shrink", "character")).toBe("han");
    expect(step(text, "the border", "end", "extend", "character")).toBe("the border.");
  });

  it("moves a flag, a ZWJ family or a base with its mark as one character", () => {
    const flags = "vu 🇫🇷🇩🇪 ici";
    expect(step(flags, "🇩🇪", "start", "extend", "character")).toBe("🇫🇷🇩🇪");
    expect(step(flags, "🇫🇷🇩🇪", "end", "shrink", "character")).toBe("🇫🇷");
    const family = "a 👨‍👩‍👧 b";
    expect(step(family, "a", "end", "extend", "character")).toBe("a 👨‍👩‍👧");
    expect(step("e\u0301te", "te", "start", "extend", "character")).toBe("e\u0301te");
  });

  it("counts offsets in code points past astral characters", () => {
    const astral = "𠀋𠀋 word next";
    expect(step(astral, "word", "end", "extend", "word")).toBe("word next");
    // The word segmenter takes each ideograph as a word of its own.
    expect(step(astral, "word", "start", "extend", "word")).toBe("𠀋 word");
  });

  it("never empties the span and answers null at the ends of the text", () => {
    expect(step(text, "than", "start", "shrink", "word")).toBeNull();
    expect(step(text, "than", "end", "shrink", "word")).toBeNull();
    expect(step(text, "t", "start", "shrink", "character")).toBeNull();
    expect(step(text, "More", "start", "extend", "word")).toBeNull();
    expect(step(text, "More", "start", "extend", "character")).toBeNull();
  });
});
