/**
 * A strict UTF-8 validator that says *where* a byte sequence stops being UTF-8.
 *
 * TextDecoder can only say "invalid"; users need the byte offset to find the problem in their
 * file. The rules are Unicode's table of well-formed sequences (Table 3-7): no overlong forms, no
 * encoded surrogates (U+D800–U+DFFF), nothing above U+10FFFF. Like Python's decoder, the offset
 * reported is the first byte of the ill-formed sequence (its lead byte, or a stray continuation
 * byte), counted from 0.
 */

export type Utf8Problem =
  | "unexpected continuation byte"
  | "invalid byte"
  | "overlong encoding"
  | "encoded surrogate"
  | "code point above U+10FFFF"
  | "invalid continuation byte"
  | "truncated sequence";

export interface Utf8Error {
  offset: number;
  byte: number;
  problem: Utf8Problem;
}

export function findInvalidUtf8(bytes: Uint8Array): Utf8Error | null {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    // The allowed range of the *second* byte; later ones are always 0x80–0xBF.
    let lo = 0x80;
    let hi = 0xbf;
    let narrowProblem: Utf8Problem = "invalid continuation byte";
    if (b >= 0x80 && b <= 0xbf) return { offset: i, byte: b, problem: "unexpected continuation byte" };
    if (b === 0xc0 || b === 0xc1) return { offset: i, byte: b, problem: "overlong encoding" };
    if (b <= 0xdf) {
      need = 1;
    } else if (b <= 0xef) {
      need = 2;
      if (b === 0xe0) [lo, narrowProblem] = [0xa0, "overlong encoding"];
      else if (b === 0xed) [hi, narrowProblem] = [0x9f, "encoded surrogate"];
    } else if (b <= 0xf4) {
      need = 3;
      if (b === 0xf0) [lo, narrowProblem] = [0x90, "overlong encoding"];
      else if (b === 0xf4) [hi, narrowProblem] = [0x8f, "code point above U+10FFFF"];
    } else {
      return { offset: i, byte: b, problem: b <= 0xf7 ? "code point above U+10FFFF" : "invalid byte" };
    }
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return { offset: i, byte: b, problem: "truncated sequence" };
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) {
        return { offset: i, byte: b, problem: k === 1 ? "invalid continuation byte" : "truncated sequence" };
      }
      if (k === 1 && (c < lo || c > hi)) return { offset: i, byte: b, problem: narrowProblem };
    }
    i += need + 1;
  }
  return null;
}
