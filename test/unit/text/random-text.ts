/** Deterministic test input: a seeded PRNG (mulberry32) and texts mixing the hard cases. */

export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces that break offset arithmetic, plus plain ones. Each is a whole grapheme or more. */
export const PIECES = [
  "a", "Z", " ", "\n", "\t", "7", ",",
  "👩‍👩‍👧", // ZWJ family: 5 code points, 8 UTF-16 units
  "🇦🇫", // flag: 2 code points, 4 units
  "😀",
  "👍🏽", // skin tone modifier
  "𠀋", // astral CJK
  "中",
  "مُحَمَّد", // Arabic with harakat
  "e\u0301", // decomposed é
  "\u200B", // zero-width space
  "א",
] as const;

export function randomText(rand: () => number, pieces: number): string {
  let s = "";
  for (let i = 0; i < pieces; i++) s += PIECES[Math.floor(rand() * PIECES.length)];
  return s;
}
