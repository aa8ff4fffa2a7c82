import { describe, expect, it } from "vitest";
import { formatNote } from "@/lib/export/brat-notes";
import { parseNote } from "@/lib/import/brat-note";

describe("parseNote reads back what formatNote writes", () => {
  const cases: Record<string, unknown>[] = [
    {},
    { value: 6000, qualifier: "more than", unit: "fighters" },
    { low: 2500, high: 8500, qualifier: "range", asOf: "2024-05-31", parsed: true },
    { source: { annotationId: "cm123" }, reporting: "reported", credibility: 2, reliability: "B" },
    { source: { text: "the Taliban spokesman; via Telegram" }, note: 'quoted "words" = here\\there' },
    { unit: "%", value: -0.5, flag: false, empty: "", spaced: " padded ", text6000: "6000", nothing: null },
    { "odd key": "x", "dotted.key": { "in=side": "y" }, list: [1, "two", { three: 3 }] },
    { arabic: "ذَبِيحُ اللّٰهِ", emoji: "👩‍👩‍👧", lineish: "a\u2028b\nc" },
  ];
  it.each(cases.map((c) => [JSON.stringify(c), c] as const))("%s", (_name, attributes) => {
    expect(parseNote(formatNote(attributes))).toEqual(attributes);
  });

  it("refuses what the grammar does not allow, naming where", () => {
    expect(() => parseNote("value")).toThrow(/expected "=" at character 6/);
    expect(() => parseNote('a="open')).toThrow(/unterminated string/);
    expect(() => parseNote("a=1;b=2")).toThrow(/is not a number|expected "; "/);
    expect(() => parseNote("a=1; =2")).toThrow(/expected an attribute name/);
    expect(() => parseNote("a=1; a.b=2")).toThrow(/conflicts/);
  });
});
