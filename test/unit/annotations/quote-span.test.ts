import { describe, expect, it } from "vitest";
import { checkRange, quoteSpan } from "@/lib/annotations/quote-span";
import { AppError } from "@/lib/errors";
import { CodePointIndex } from "@/lib/text/code-points";

const TEXT = "👩‍👩‍👧 قال ذَبِيحُ اللّٰهِ: «أكثر من ٦٠٠٠» 🇦🇫 𠀋 end";
const cps = [...TEXT];

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error("expected an AppError");
}

describe("quoteSpan", () => {
  const text = new CodePointIndex(TEXT);

  it("quotes every span by code points, with up to 32 code points of context", () => {
    for (let start = 0; start < cps.length; start += 3) {
      for (let end = start + 1; end <= cps.length; end += 7) {
        const q = quoteSpan({ text, start, end });
        expect(q.exact).toBe(cps.slice(start, end).join(""));
        expect(q.prefix).toBe(cps.slice(Math.max(0, start - 32), start).join(""));
        expect(q.suffix).toBe(cps.slice(end, end + 32).join(""));
        expect(quoteSpan({ text, start, end, exact: q.exact })).toEqual(q);
      }
    }
  });

  it("names both quotes when exact differs, shortening long ones in the message only", () => {
    const error = refusal(() => quoteSpan({ text, start: 0, end: 7, exact: "👩" }));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toBe(`exact does not match the text at [0, 7): expected "${cps.slice(0, 7).join("")}", got "👩"`);
    expect(error.details).toEqual({ expected: cps.slice(0, 7).join(""), got: "👩" });
    const long = new CodePointIndex("a".repeat(200));
    const big = refusal(() => quoteSpan({ text: long, start: 0, end: 200, exact: "b".repeat(200) }));
    expect(big.message).toBe(`exact does not match the text at [0, 200): expected "${"a".repeat(80)}…", got "${"b".repeat(80)}…"`);
    expect(big.details).toEqual({ expected: "a".repeat(200), got: "b".repeat(200) });
  });

  it("escapes line breaks in the message", () => {
    const error = refusal(() => quoteSpan({ text: new CodePointIndex("a\nb"), start: 0, end: 3, exact: "a b" }));
    expect(error.message).toBe('exact does not match the text at [0, 3): expected "a\\nb", got "a b"');
  });
});

describe("checkRange", () => {
  it.each([
    [0, 1, 1, null],
    [0, 2, 1, "end 2 is past the end of the text, which is 1 code points long"],
    [1, 1, 5, "start must be less than end (got [1, 1)): an annotation covers at least one code point"],
    [-1, 1, 5, "start must be 0 or more (got -1)"],
    [0.5, 1, 5, "start and end must be whole numbers of code points (got [0.5, 1))"],
    [0, Number.NaN, 5, "start and end must be whole numbers of code points (got [0, NaN))"],
  ])("[%s, %s) in a text of %s code points → %s", (start, end, length, message) => {
    if (message === null) expect(() => checkRange(start, end, length)).not.toThrow();
    else expect(refusal(() => checkRange(start, end, length))).toMatchObject({ code: "invalid_input", message, details: { start, end, length } });
  });
});
