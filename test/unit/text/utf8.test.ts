import { describe, expect, it } from "vitest";
import { findInvalidUtf8 } from "@/lib/text/utf8";
import { randomText, seededRandom } from "./random-text";

const fatal = new TextDecoder("utf-8", { fatal: true });
const accepts = (bytes: Uint8Array) => {
  try {
    fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

describe("findInvalidUtf8 agrees with the platform's strict decoder", () => {
  it("accepts every well-formed text, the hard cases included", () => {
    const rand = seededRandom(7);
    for (let i = 0; i < 200; i++) {
      const bytes = new TextEncoder().encode(randomText(rand, 40));
      expect(findInvalidUtf8(bytes)).toBeNull();
    }
  });

  it("finds the same verdict on corrupted bytes, and everything before the offset is valid", () => {
    const rand = seededRandom(42);
    for (let i = 0; i < 2000; i++) {
      const bytes = new TextEncoder().encode(randomText(rand, 12));
      // Corrupt one to three bytes, or cut the tail, to reach every kind of ill-formed sequence.
      const edits = 1 + Math.floor(rand() * 3);
      for (let e = 0; e < edits; e++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
      const input = rand() < 0.3 ? bytes.subarray(0, Math.floor(rand() * bytes.length)) : bytes;
      const bad = findInvalidUtf8(input);
      expect(bad === null).toBe(accepts(input));
      if (bad) {
        expect(accepts(input.subarray(0, bad.offset))).toBe(true);
        expect(bad.byte).toBe(input[bad.offset]);
      }
    }
  });

  it("checks every 1- and 2-byte sequence against the platform", () => {
    for (let a = 0; a < 256; a++) {
      expect(findInvalidUtf8(new Uint8Array([a])) === null).toBe(accepts(new Uint8Array([a])));
      for (let b = 0; b < 256; b += 7) {
        const pair = new Uint8Array([a, b]);
        expect(findInvalidUtf8(pair) === null, `${a.toString(16)} ${b.toString(16)}`).toBe(accepts(pair));
      }
    }
  });
});
