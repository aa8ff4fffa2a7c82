import { describe, expect, it } from "vitest";
import { tagTokens } from "@/lib/export/conll-tags";
import { tokenize } from "@/lib/export/tokenize";
import { WRITERS } from "@/lib/export";
import type { ExportAnnotation, ExportLabel } from "@/lib/export/types";
import { sliceCodePoints } from "@/lib/text/code-points";
import { at, collect, LABELS } from "./fixture-corpus";

const TEXT = "The Ministry of Defence said 6,000 fighters crossed.";

function span(id: string, needle: string, label: ExportLabel = LABELS.actor): ExportAnnotation {
  const { start, end } = at(TEXT, needle);
  const author = { id: "u", name: "U", email: "u@example.org" };
  const date = new Date(0);
  return { id, documentId: "d", label, start, end, exact: sliceCodePoints(TEXT, start, end), prefix: "", suffix: "", attributes: {}, status: "accepted", version: 1, author, createdAt: date, updatedAt: date, review: null };
}

describe("BIO tags and the overlap rule", () => {
  const tokens = tokenize(TEXT);
  const tagged = (spans: ExportAnnotation[]) => {
    const { owner, tags, counts } = tagTokens(tokens, spans);
    return { tags: tokens.map((t, i) => `${t.text}/${tags[i]}${owner[i]! >= 0 ? spans[owner[i]!]!.id : ""}`), counts };
  };

  it("keeps the longest span, then the earliest, and counts the dropped ones", () => {
    const { tags, counts } = tagged([
      span("inner", "Ministry of Defence"),
      span("outer", "The Ministry of Defence said"),
      span("cross", "said 6,000"),
      span("fig", "6,000 fighters", LABELS.figure),
    ]);
    expect(tags.slice(0, 7)).toEqual(["The/Bouter", "Ministry/Iouter", "of/Iouter", "Defence/Iouter", "said/Iouter", "6,000/Bfig", "fighters/Ifig"]);
    expect(counts).toEqual({ spans: 2, overlapsDropped: 2, misaligned: 0, noTokens: 0 });
  });

  it("breaks ties by start, then id; adjacent spans each get their own B", () => {
    const { tags, counts } = tagged([span("b", "Ministry"), span("a", "Ministry"), span("c", "of")]);
    expect(tags.slice(1, 3)).toEqual(["Ministry/Ba", "of/Bc"]);
    expect(counts.overlapsDropped).toBe(1);
  });

  it("tags whole tokens for a span inside a word and counts it misaligned; counts spans over whitespace only", () => {
    const { tags, counts } = tagged([span("part", "inistr"), span("space", " ")]);
    expect(tags[1]).toBe("Ministry/Bpart");
    expect(counts).toEqual({ spans: 1, overlapsDropped: 0, misaligned: 1, noTokens: 1 });
  });

  it("does not end a sentence inside a kept span that crosses a line break", async () => {
    const conll = (await collect(WRITERS.conll)).toString("utf8");
    expect(conll).toContain("Defence -X- -X- I-Claim\nreported -X- -X- I-Claim\n");
    expect(conll).toContain("🇦🇫 -X- -X- I-Claim\n. -X- -X- O\n\nThe -X- -X- O\n");
  });
});
