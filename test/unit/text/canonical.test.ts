import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { canonicalize, decodeText } from "@/lib/text/canonical";

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (number[] | Uint8Array)[]) => new Uint8Array(parts.flatMap((p) => Array.from(p)));

/** UTF-16 bytes written unit by unit, so the test does not lean on the decoder it checks. */
function utf16(text: string, order: "le" | "be", bom = true): Uint8Array {
  const units = (bom ? "\uFEFF" : "") + text;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    out[2 * i + (order === "le" ? 0 : 1)] = u & 0xff;
    out[2 * i + (order === "le" ? 1 : 0)] = u >> 8;
  }
  return out;
}

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}

const HARD = "Family 👩‍👩‍👧, flag 🇦🇫, 𠀋, مُحَمَّد, e\u0301.";

describe("decodeText", () => {
  it("decodes UTF-8 without a BOM", () => {
    expect(decodeText(utf8(HARD))).toEqual({ text: HARD, encoding: "utf-8" });
  });

  it("keeps a UTF-8 BOM as U+FEFF for canonicalize to drop", () => {
    const decoded = decodeText(bytes([0xef, 0xbb, 0xbf], utf8(HARD)));
    expect(decoded).toEqual({ text: "\uFEFF" + HARD, encoding: "utf-8-bom" });
    expect(canonicalize(decoded.text)).toBe(HARD);
  });

  it.each(["le", "be"] as const)("decodes UTF-16%s with a BOM, surrogate pairs included", (order) => {
    const decoded = decodeText(utf16(HARD, order));
    expect(decoded.encoding).toBe(`utf-16${order}`);
    expect(canonicalize(decoded.text)).toBe(HARD);
  });

  it("decodes an empty file and a BOM-only file to no text", () => {
    expect(decodeText(new Uint8Array())).toEqual({ text: "", encoding: "utf-8" });
    expect(canonicalize(decodeText(utf16("", "be")).text)).toBe("");
  });

  it.each([
    ["UTF-32LE", [0xff, 0xfe, 0x00, 0x00, 0x41, 0, 0, 0]],
    ["UTF-32BE", [0x00, 0x00, 0xfe, 0xff, 0, 0, 0, 0x41]],
  ])("refuses %s by its BOM", (_name, input) => {
    const err = refusal(() => decodeText(new Uint8Array(input)));
    expect(err.status).toBe(415);
    expect(err.message).toMatch(/^UTF-32 is not supported/);
  });

  describe("invalid UTF-8: the offset of the first bad byte (as Python reports it)", () => {
    const cases: [string, Uint8Array, number, string][] = [
      ["0xFF", bytes(utf8("Hello world!"), [0xff]), 12, "invalid byte"],
      ["a stray continuation byte", bytes(utf8("ab"), [0x80], utf8("c")), 2, "unexpected continuation byte"],
      ["overlong '/' (C0 AF)", bytes(utf8("x"), [0xc0, 0xaf]), 1, "overlong encoding"],
      ["overlong 3-byte (E0 80 AF)", bytes(utf8("xy"), [0xe0, 0x80, 0xaf]), 2, "overlong encoding"],
      ["overlong 4-byte (F0 8F BF BF)", bytes([0xf0, 0x8f, 0xbf, 0xbf]), 0, "overlong encoding"],
      ["an encoded surrogate U+D800 (ED A0 80)", bytes(utf8("abc"), [0xed, 0xa0, 0x80]), 3, "encoded surrogate"],
      ["above U+10FFFF (F4 90 80 80)", bytes([0xf4, 0x90, 0x80, 0x80]), 0, "code point above U+10FFFF"],
      ["a truncated 3-byte sequence at the end", bytes(utf8("€ ok "), [0xe2, 0x82]), 7, "truncated sequence"],
      ["a truncated 4-byte sequence at the end", bytes(utf8("a"), [0xf0, 0x9f, 0x98]), 1, "truncated sequence"],
      ["a lead byte followed by ASCII", bytes(utf8("é"), [0xc3, 0x41]), 2, "invalid continuation byte"],
      ["Latin-1 é", bytes(utf8("Caf"), [0xe9], utf8(" au lait")), 3, "invalid continuation byte"],
    ];
    it.each(cases)("%s", (_name, input, offset, problem) => {
      const err = refusal(() => decodeText(input));
      expect(err.status).toBe(422);
      expect(err.message).toBe(`not valid UTF-8 at byte ${offset}`);
      expect(err.details).toMatchObject({ offset, problem });
      // Everything before the offset is valid UTF-8.
      expect(() => new TextDecoder("utf-8", { fatal: true }).decode(input.subarray(0, offset))).not.toThrow();
    });
  });

  describe("invalid UTF-16", () => {
    it("refuses an odd number of bytes at the dangling byte", () => {
      const err = refusal(() => decodeText(bytes(utf16("ab", "le"), [0x41])));
      expect(err.message).toBe("not valid UTF-16 at byte 6");
      expect(err.status).toBe(422);
    });

    it("refuses a lone high surrogate at its offset", () => {
      const input = utf16("ab\uD83Dc", "le"); // BOM(0-1) a(2-3) b(4-5) D83D(6-7)
      expect(refusal(() => decodeText(input)).message).toBe("not valid UTF-16 at byte 6");
    });

    it("refuses a lone low surrogate, and a high surrogate at the very end", () => {
      expect(refusal(() => decodeText(utf16("x\uDE00", "be"))).message).toBe("not valid UTF-16 at byte 4");
      expect(refusal(() => decodeText(utf16("xy\uD83D", "be"))).message).toBe("not valid UTF-16 at byte 6");
    });
  });

  describe("binary content", () => {
    it("refuses a NUL byte in UTF-8 with its offset (415)", () => {
      const err = refusal(() => decodeText(bytes(utf8("text"), [0], utf8("more"))));
      expect(err.status).toBe(415);
      expect(err.message).toBe("looks like a binary file (NUL byte at byte 4)");
    });

    it("refuses U+0000 in UTF-16 with the byte offset of its code unit", () => {
      const err = refusal(() => decodeText(utf16("ab\0", "le")));
      expect(err.message).toBe("looks like a binary file (NUL byte at byte 6)");
    });

    it("names UTF-16 without a BOM instead of calling it binary", () => {
      const err = refusal(() => decodeText(utf16("Plain ASCII text saved as UTF-16", "le", false)));
      expect(err.status).toBe(415);
      expect(err.message).toMatch(/UTF-16 without a byte order mark/);
    });
  });
});

describe("canonicalize", () => {
  it.each([
    ["CRLF", "a\r\nb\r\n", "a\nb\n"],
    ["lone CR", "a\rb\r", "a\nb\n"],
    ["mixed", "a\r\n\rb\n\r\nc\r", "a\n\nb\n\nc\n"],
    ["CR CR LF", "a\r\r\nb", "a\n\nb"],
    ["empty lines kept", "a\n\n\n b \n", "a\n\n\n b \n"],
  ])("%s", (_name, input, expected) => {
    expect(canonicalize(input)).toBe(expected);
  });

  it("drops exactly one leading U+FEFF and no other", () => {
    expect(canonicalize("\uFEFFa\uFEFFb")).toBe("a\uFEFFb");
    expect(canonicalize("\uFEFF\uFEFFa")).toBe("\uFEFFa");
  });

  it("changes nothing else: no normalization, no trimming, no whitespace folding", () => {
    const nfd = "Cafe\u0301 re\u0301sume\u0301";
    expect(nfd.normalize("NFC")).not.toBe(nfd);
    expect(canonicalize(nfd)).toBe(nfd);
    const odd = "  \t lead\u00A0\u00A0nbsp  \u2028 trail \t\n\n";
    expect(canonicalize(odd)).toBe(odd);
    expect(canonicalize(HARD)).toBe(HARD);
    expect(canonicalize("")).toBe("");
  });

  it("keeps each character of the hard cases intact through UTF-16 and CRLF", () => {
    const text = "👩‍👩‍👧\r\n🇦🇫\r𠀋\r\nمُحَمَّد\r\ne\u0301";
    const decoded = canonicalize(decodeText(utf16(text, "be")).text);
    expect(decoded).toBe("👩‍👩‍👧\n🇦🇫\n𠀋\nمُحَمَّد\ne\u0301");
    expect(Array.from(decoded)).toHaveLength(Array.from(text).length - 3); // three CRLF → LF
  });
});
