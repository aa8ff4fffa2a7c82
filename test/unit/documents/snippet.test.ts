import { describe, expect, it } from "vitest";
import { SNIPPET_START as S, SNIPPET_STOP as E, parseSnippet } from "@/lib/documents/snippet";

describe("parseSnippet", () => {
  it("turns markers into code-point ranges and keeps guillemets in the text as text", () => {
    const marked = `Le porte-parole a dit «${S}combattants${E}» 👩‍👩‍👧 puis ${S}قندهار${E}.`;
    const { text, highlights } = parseSnippet(marked);
    expect(text).toBe("Le porte-parole a dit «combattants» 👩‍👩‍👧 puis قندهار.");
    const cps = [...text];
    expect(highlights.map(({ start, end }) => cps.slice(start, end).join(""))).toEqual(["combattants", "قندهار"]);
  });

  it("ignores empty and unbalanced markers", () => {
    expect(parseSnippet(`a${S}${E}b${E}c${S}d`)).toEqual({ text: "abcd", highlights: [] });
  });
});
