import { AppError } from "@/lib/errors";
import { isHighSurrogate, isLowSurrogate } from "./code-points";
import { findInvalidUtf8 } from "./utf8";

/**
 * The text contract, step one (ARCHITECTURE.md "The text contract"): bytes → string, refusing
 * anything that is not UTF-8 (BOM optional) or UTF-16 with a BOM, then `canonicalize`.
 *
 * `decodeText` is a faithful decoder: a BOM stays in the returned text as U+FEFF and
 * `canonicalize` is the one step that drops it, so exactly one BOM is removed, whatever path the
 * text took (file or paste).
 */

export type TextEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be";

export interface DecodedText {
  /** The decoded text, BOM (if any) still in place as a leading U+FEFF. */
  text: string;
  encoding: TextEncoding;
}

const SUPPORTED = "only UTF-8, or UTF-16 with a byte order mark, is supported";

export function decodeText(bytes: Uint8Array): DecodedText {
  const [b0, b1, b2, b3] = bytes;
  // UTF-32 first: the UTF-32LE BOM begins with the UTF-16LE one.
  if ((b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) || (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)) {
    throw new AppError("unsupported_media_type", `UTF-32 is not supported (${SUPPORTED})`);
  }
  if (b0 === 0xff && b1 === 0xfe) return decodeUtf16(bytes, "utf-16le");
  if (b0 === 0xfe && b1 === 0xff) return decodeUtf16(bytes, "utf-16be");
  return decodeUtf8(bytes);
}

function decodeUtf8(bytes: Uint8Array): DecodedText {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  // In UTF-8 a 0x00 byte is always U+0000, so the byte offset is the NUL's own.
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    if (!hasBom && looksLikeBomlessUtf16(bytes)) {
      throw new AppError(
        "unsupported_media_type",
        `looks like UTF-16 without a byte order mark (${SUPPORTED})`,
      );
    }
    throw binaryFile(nul);
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text, encoding: hasBom ? "utf-8-bom" : "utf-8" };
  } catch {
    const bad = findInvalidUtf8(bytes);
    // TextDecoder and findInvalidUtf8 implement the same definition; disagreeing is a bug here.
    if (!bad) throw new Error("TextDecoder rejected bytes that findInvalidUtf8 accepts");
    throw new AppError("invalid_input", `not valid UTF-8 at byte ${bad.offset}`, {
      offset: bad.offset,
      byte: `0x${bad.byte.toString(16).toUpperCase().padStart(2, "0")}`,
      problem: bad.problem,
    });
  }
}

function decodeUtf16(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be"): DecodedText {
  if (bytes.length % 2 === 1) {
    throw new AppError("invalid_input", `not valid UTF-16 at byte ${bytes.length - 1}`, {
      offset: bytes.length - 1,
      problem: "odd number of bytes",
    });
  }
  const le = encoding === "utf-16le";
  for (let i = 0; i < bytes.length; i += 2) {
    const unit = le ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!;
    if (isHighSurrogate(unit)) {
      const j = i + 2;
      const next = j + 1 < bytes.length ? (le ? bytes[j]! | (bytes[j + 1]! << 8) : (bytes[j]! << 8) | bytes[j + 1]!) : -1;
      if (isLowSurrogate(next)) {
        i = j;
        continue;
      }
      throw loneSurrogate(i, unit);
    }
    if (isLowSurrogate(unit)) throw loneSurrogate(i, unit);
  }
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
  const nul = text.indexOf("\0");
  // Every code unit is two bytes and the BOM is still in `text`, so unit k starts at byte 2k.
  if (nul !== -1) throw binaryFile(nul * 2);
  return { text, encoding };
}

function loneSurrogate(offset: number, unit: number): AppError {
  return new AppError("invalid_input", `not valid UTF-16 at byte ${offset}`, {
    offset,
    problem: `lone surrogate U+${unit.toString(16).toUpperCase()}`,
  });
}

function binaryFile(offset: number): AppError {
  return new AppError("unsupported_media_type", `looks like a binary file (NUL byte at byte ${offset})`, { offset });
}

/**
 * ASCII-range text saved as UTF-16 without a BOM has a zero in every other byte. Only used to
 * word the refusal better than "binary file"; such input is refused either way.
 */
function looksLikeBomlessUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1024) & ~1;
  if (n < 4) return false;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  return (zeroOdd >= pairs * 0.6 && zeroEven === 0) || (zeroEven >= pairs * 0.6 && zeroOdd === 0);
}

/**
 * The canonical form: one leading U+FEFF dropped, `\r\n` and lone `\r` turned into `\n`.
 * Nothing else — no Unicode normalization, no whitespace folding, no trimming.
 */
export function canonicalize(text: string): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.indexOf("\r") === -1 ? body : body.replace(/\r\n?/g, "\n");
}
