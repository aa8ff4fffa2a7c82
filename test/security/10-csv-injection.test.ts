import { describe, expect, it } from "vitest";
import { csvCell } from "@/lib/export/csv";

/**
 * Item 10: CSV formula injection. OWASP "CSV Injection" lists cells beginning with = + - @, tab
 * and carriage return; spreadsheets also skip leading whitespace (space, NBSP, line breaks…) and
 * accept the fullwidth forms ＝ ＋ － ＠, so " =HYPERLINK(…)" ran as a formula. Each row is a
 * cell that a spreadsheet would evaluate, with the single quote OWASP recommends in front.
 */
const GUARDED: [string, string][] = [
  ["equals", "=1+1"],
  ["plus", "+1"],
  ["hyphen-minus", "-2+3"],
  ["at", "@SUM(A1)"],
  ["tab", "\t=1"],
  ["tab alone", "\tfoo"],
  ["carriage return", "\r=1"],
  ["line feed", "\n=1"],
  ["line feed alone", "\nfoo"],
  ["space then equals", " =1+1"],
  ["spaces then plus", "   +1"],
  ["NBSP then equals", "\u00A0=1+1"],
  ["NBSP then at", "\u00A0@cmd"],
  ["narrow NBSP then minus", "\u202F-1"],
  ["ideographic space then equals", "\u3000=1"],
  ["em space then equals", "\u2003=1"],
  ["zero-width space then equals", "\u200B=1"],
  ["BOM then equals", "\uFEFF=1"],
  ["vertical tab then equals", "\u000B=1"],
  ["NUL then equals", "\u0000=1"],
  ["fullwidth equals", "\uFF1DHYPERLINK(\"http://evil.example\")"],
  ["fullwidth plus", "\uFF0B1"],
  ["fullwidth hyphen-minus", "\uFF0D1"],
  ["fullwidth at", "\uFF20SUM(A1)"],
  ["space then fullwidth equals", " \uFF1D1"],
  ["NBSP then fullwidth at", "\u00A0\uFF20x"],
  ["DDE payload", "=cmd|' /C calc'!A0"],
];

/** What quoting alone would produce: the expected cell is the guarded value, quoted if needed. */
function quoted(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

describe("CSV formula guard", () => {
  it.each(GUARDED)("prefixes a single quote: %s", (_, value) => {
    expect(csvCell(value)).toBe(quoted(`'${value}`));
  });

  it.each([
    ["plain text", "Ministry of Defence"],
    ["leading space, no formula", " Ministry"],
    ["NBSP, no formula", "\u00A0text"],
    ["formula character later", "a=b+c-d@e"],
    ["apostrophe already", "'=1"],
    ["empty", ""],
    ["only spaces", "   "],
    ["minus sign U+2212 is not hyphen-minus", "\u22125"],
  ])("leaves a harmless cell alone: %s", (_, value) => {
    expect(csvCell(value)).toBe(quoted(value));
  });

  it("writes numbers as numbers, negative ones included (they are typed cells, not text)", () => {
    expect([-5, -0.5, 3].map(csvCell)).toEqual(["-5", "-0.5", "3"]);
  });
});
