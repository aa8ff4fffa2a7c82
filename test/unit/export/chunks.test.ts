import { describe, expect, it } from "vitest";
import { json, jsonString } from "@/lib/export/chunks";
import { randomText, seededRandom } from "../text/random-text";

describe("jsonString", () => {
  it("is json() for the strings that need escapes and for those that do not", () => {
    const cases = [
      "",
      "plain words",
      'a "quote"',
      "back\\slash",
      "tab\there, newline\nthere",
      "\u0000\u001f\u007f",
      "line\u2028para\u2029next\u0085",
      "lone \ud800 high, lone \udfff low",
      "pair 😀 and flag 🇦🇫 and family 👩‍👩‍👧",
      "ذَبِيحُ اللّٰهِ",
      "</script>",
    ];
    for (const text of cases) expect(jsonString(text), JSON.stringify(text)).toBe(json(text));
  });

  it("keeps every string on one line and reads back to itself", () => {
    const rand = seededRandom(4242);
    const extras = ['"', "\\", "\u2028", "\u0085", "\u0001", "\ud83d", "x"];
    for (let i = 0; i < 500; i++) {
      let text = randomText(rand, 1 + Math.floor(rand() * 12));
      if (i % 2) text += extras[Math.floor(rand() * extras.length)]!;
      const literal = jsonString(text);
      expect(literal).toBe(json(text));
      expect(literal).not.toMatch(/[\n\r\u0085\u2028\u2029]/);
      expect(JSON.parse(literal)).toBe(text);
    }
  });
});
