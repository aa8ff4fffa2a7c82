/**
 * The folding behind dictionary matching (issue 15, alias-match.ts): a text becomes a sequence of
 * folded code points, each remembering the original code point it came from, so a match found in
 * the folded sequence maps back to exact code-point offsets. No offset is ever read off a
 * lower-cased copy: "İ".toLowerCase() is two code points, "ß" folds to two.
 *
 * Each code point folds on its own, by these rules:
 * - Case: lower(upper(lower(c))), Unicode's full case folding for the cased letters a text is likely
 *   to hold: "ß", "ẞ" and "SS" → "ss", final "ς" and "Σ" → "σ", "ﬁ" → "fi", the Kelvin sign → "k",
 *   astral scripts too (Deseret). Two exceptions, for a dictionary's recall: "İ" (U+0130) folds to a
 *   plain "i", so "İstanbul" matches "istanbul" (full folding would give i + U+0307, as find in the
 *   document does); dotless "ı" stays itself (no Turkic rules: "ılık" is not "ILIK").
 * - Arabic marks are dropped: harakat and the other combining marks U+064B–U+065F (tanwin, shadda,
 *   sukun, hamza above/below, maddah), superscript alef U+0670 and tatweel U+0640, so an alias
 *   matches with or without diacritics, either way round. The price: words that differ only in
 *   their vowels ("مَلِك" king, "مُلْك" reign) match each other.
 * - Arabic letters written several ways count as one: alef with hamza or madda and alef wasla
 *   (أ إ آ ٱ) → ا; alef maqsura ى and the Persian yeh ی → ي; ta marbuta ة → ه; the Persian keheh
 *   ک → ك (Dari and Pashto sources type the Persian forms of the same letters).
 * - Whitespace (\p{White_Space}: spaces, tabs, line breaks, no-break space) folds to one space per
 *   run, so an alias's space matches a line break inside the name. A zero-width space is no space.
 * - Nothing else changes: no Unicode normalization, so precomposed "é" is not "e" + U+0301.
 */

const SPACE = 0x20;

/** What one original code point contributes. */
interface CodePointFold {
  /** Its folded code points: none for a dropped mark. */
  readonly folded: readonly number[];
  /** A letter, mark or number: a match may not start right after it, nor end right before it. */
  readonly word: boolean;
  readonly space: boolean;
}

const WORD = /^[\p{L}\p{M}\p{N}]$/u;
const WHITE_SPACE = /^\p{White_Space}$/u;
const ARABIC_DROPPED = /^[\u0640\u064B-\u065F\u0670]$/u;

const ARABIC_SAME = new Map<number, number>([
  [0x0622, 0x0627], // آ
  [0x0623, 0x0627], // أ
  [0x0625, 0x0627], // إ
  [0x0671, 0x0627], // ٱ
  [0x0649, 0x064a], // ى
  [0x06cc, 0x064a], // ی
  [0x0629, 0x0647], // ة
  [0x06a9, 0x0643], // ک
]);

function foldCase(ch: string): string {
  if (ch === "\u0130") return "i";
  if (ch === "\u0131") return ch;
  return ch.toLowerCase().toUpperCase().toLowerCase();
}

function foldCodePoint(cp: number): CodePointFold {
  const ch = String.fromCodePoint(cp);
  const word = WORD.test(ch);
  if (WHITE_SPACE.test(ch)) return { folded: [SPACE], word, space: true };
  if (ARABIC_DROPPED.test(ch)) return { folded: [], word, space: false };
  const same = ARABIC_SAME.get(cp);
  const folded = same === undefined ? Array.from(foldCase(ch), (c) => c.codePointAt(0)!) : [same];
  return { folded, word, space: false };
}

const ASCII = Array.from({ length: 0x80 }, (_, cp) => foldCodePoint(cp));
const cache = new Map<number, CodePointFold>();

function lookUp(cp: number): CodePointFold {
  if (cp < 0x80) return ASCII[cp]!;
  let fold = cache.get(cp);
  if (fold === undefined) {
    fold = foldCodePoint(cp);
    cache.set(cp, fold);
  }
  return fold;
}

export interface FoldedText {
  /** The folded code points. */
  readonly folded: readonly number[];
  /** For each folded code point, the code-point offset in the original it came from (non-decreasing). */
  readonly origin: readonly number[];
  /** For each original code point, 1 when it is a letter, mark or number. */
  readonly word: Uint8Array;
  /** For each code-point offset 0…length in the original, its UTF-16 offset. */
  readonly units: Uint32Array;
  /** The original's length in code points. */
  readonly length: number;
}

/**
 * Folds `text` by the rules above. Between the folded code points of two consecutive original
 * ones, the originals skipped are dropped Arabic marks or the rest of a whitespace run.
 */
export function foldForMatching(text: string): FoldedText {
  const folded: number[] = [];
  const origin: number[] = [];
  const word = new Uint8Array(text.length);
  const units = new Uint32Array(text.length + 1);
  let cp = 0;
  let inSpace = false;
  for (let u = 0; u < text.length; cp++) {
    const code = text.codePointAt(u)!;
    const fold = lookUp(code);
    units[cp] = u;
    word[cp] = fold.word ? 1 : 0;
    u += code > 0xffff ? 2 : 1;
    if (fold.folded.length === 0 || (fold.space && inSpace)) continue;
    inSpace = fold.space;
    for (const c of fold.folded) {
      folded.push(c);
      origin.push(cp);
    }
  }
  units[cp] = text.length;
  return { folded, origin, word: word.subarray(0, cp), units: units.subarray(0, cp + 1), length: cp };
}

/** An alias's folded code points, without leading or trailing space; empty when nothing is left. */
export function foldAlias(alias: string): number[] {
  const { folded } = foldForMatching(alias);
  let from = 0;
  let to = folded.length;
  while (from < to && folded[from] === SPACE) from++;
  while (to > from && folded[to - 1] === SPACE) to--;
  return folded.slice(from, to);
}
