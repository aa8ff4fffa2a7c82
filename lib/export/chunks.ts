/**
 * Output plumbing shared by the writers: text is gathered into chunks of about 64 KiB before it is
 * encoded, so a writer yields often enough to stream (and to feel backpressure) without paying
 * per-annotation overhead.
 */

export const CHUNK_SIZE = 64 * 1024;

const encoder = new TextEncoder();

export class TextChunks {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly threshold: number = CHUNK_SIZE) {}

  /** Appends text; returns a chunk when enough has gathered, else null. */
  write(text: string): Uint8Array | null {
    this.parts.push(text);
    this.size += text.length;
    return this.size >= this.threshold ? this.take() : null;
  }

  /** Whatever is left, or null. */
  flush(): Uint8Array | null {
    return this.size > 0 ? this.take() : null;
  }

  private take(): Uint8Array {
    const bytes = encoder.encode(this.parts.join(""));
    this.parts = [];
    this.size = 0;
    return bytes;
  }
}

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

// JSON allows these raw, but readers that split lines with Python's str.splitlines() or a
// Unicode-aware regex would cut a record in two; escaped, every record stays on one line.
const LINE_SEPARATORS = /[\u0085\u2028\u2029]/g;

/** JSON.stringify, with U+0085, U+2028 and U+2029 escaped so the result is one line everywhere. */
export function json(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError("value cannot be serialized as JSON");
  return text.replace(LINE_SEPARATORS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * What json() would escape in a string: the quote, the backslash, control characters, surrogates
 * (JSON.stringify escapes lone ones; a string with a pair takes the slow path too) and the line
 * separators escaped above.
 */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u0085\u2028\u2029\ud800-\udfff]/;

/**
 * A string as a JSON string literal: exactly json(text), faster for the common text that needs no
 * escapes (one scan, no second pass) — the hot path of a large export writes several per annotation.
 */
export function jsonString(text: string): string {
  return NEEDS_ESCAPE.test(text) ? json(text) : `"${text}"`;
}
