import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { fillFigure, lacksFigure, parseAttributes, refillFigure } from "@/lib/annotations/attributes";

function issuePaths(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ZodError);
    return (err as ZodError).issues.map((issue) => issue.path.join("."));
  }
  throw new Error("expected a ZodError");
}

describe("parseAttributes", () => {
  it("accepts each kind's fields and nothing else, reporting issues under attributes.…", () => {
    expect(parseAttributes("entity", { type: "armed_group", canonicalName: " Taliban " })).toEqual({ type: "armed_group", canonicalName: "Taliban" });
    expect(issuePaths(() => parseAttributes("entity", { type: "armed group" }))).toEqual(["attributes.type"]);
    expect(issuePaths(() => parseAttributes("entity", { kind: "person" }))).toEqual(["attributes"]);
    expect(parseAttributes("claim", { source: { text: "an elder" }, reliability: "F", credibility: 6 })).toEqual({
      source: { text: "an elder" },
      reliability: "F",
      credibility: 6,
    });
    expect(issuePaths(() => parseAttributes("claim", { credibility: 0 }))).toEqual(["attributes.credibility"]);
    expect(issuePaths(() => parseAttributes("claim", { source: { annotationId: "a", text: "b" } }))).toEqual(["attributes.source"]);
    expect(parseAttributes("claim", { note: "x".repeat(5000) }).note).toHaveLength(5000);
  });

  it("checks a figure's bounds, range and date", () => {
    expect(parseAttributes("figure", { low: 2500, high: 8500, qualifier: "range", unit: "fighters" })).toMatchObject({ low: 2500, high: 8500 });
    expect(parseAttributes("figure", { low: 5, high: 5 })).toEqual({ low: 5, high: 5 });
    expect(issuePaths(() => parseAttributes("figure", { low: 9, high: 1 }))).toEqual(["attributes.high"]);
    expect(issuePaths(() => parseAttributes("figure", { low: 9, qualifier: "range" }))).toEqual(["attributes.qualifier"]);
    expect(issuePaths(() => parseAttributes("figure", { value: "6000" }))).toEqual(["attributes.value"]);
    expect(parseAttributes("figure", { value: 3, asOf: "2024-02-29" }).asOf).toBe("2024-02-29");
    expect(issuePaths(() => parseAttributes("figure", { value: 3, asOf: "2023-02-29" }))).toEqual(["attributes.asOf"]);
    expect(issuePaths(() => parseAttributes("figure", { value: 3, asOf: "31/05/2024" }))).toEqual(["attributes.asOf"]);
  });

  it("keeps project-defined labels flat", () => {
    expect(parseAttributes("other", { a: "x", b: 1.5, c: true })).toEqual({ a: "x", b: 1.5, c: true });
    expect(issuePaths(() => parseAttributes("other", { a: null }))).toEqual(["attributes.a"]);
    expect(issuePaths(() => parseAttributes("other", { a: [1] }))).toEqual(["attributes.a"]);
  });
});

describe("figure parsing", () => {
  it("fills value, qualifier and unit from the span, the analyst's fields winning", () => {
    expect(fillFigure({}, "more than 6,000 fighters")).toEqual({ value: 6000, qualifier: "more than", unit: "fighters", parsed: true });
    expect(fillFigure({ unit: "combatants", asOf: "2024-01-01" }, "more than 6,000 fighters")).toEqual({
      value: 6000,
      qualifier: "more than",
      unit: "combatants",
      asOf: "2024-01-01",
      parsed: true,
    });
    expect(fillFigure({}, "between 2,500 and 8,500")).toMatchObject({ low: 2500, high: 8500, qualifier: "range", parsed: true });
  });

  it("reads a vague magnitude as qualifier and unit, and leaves a span without a figure alone", () => {
    expect(fillFigure({}, "a few hundred fighters")).toEqual({ qualifier: "approximately", unit: "fighters", parsed: true });
    expect(fillFigure({ unit: "x" }, "the spokesman")).toEqual({ unit: "x" });
  });

  it("re-reads a moved span, keeping fields the parser does not own", () => {
    const before = { value: 6000, qualifier: "more than", unit: "fighters", asOf: "2024-05-31", parsed: true };
    expect(refillFigure(before, "nearly 400 civilians")).toEqual({ value: 400, qualifier: "approximately", unit: "civilians", asOf: "2024-05-31", parsed: true });
    expect(refillFigure(before, "fighters")).toEqual({ asOf: "2024-05-31" });
  });

  it("knows when a figure has no number of its own", () => {
    expect(lacksFigure({ qualifier: "approximately" })).toBe(true);
    expect(lacksFigure({ value: 0 })).toBe(false);
    expect(lacksFigure({ high: 10 })).toBe(false);
  });
});
