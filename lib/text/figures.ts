/**
 * Figure parsing (ARCHITECTURE.md, attributes of a *figure*): a span such as "more than 6,000
 * fighters" becomes { qualifier: "more than", value: 6000, unit: "fighters" }. A suggestion for
 * the analyst, who can edit it; the table in test/unit/text/figures.test.ts is the specification.
 *
 * Rules, in the order they apply:
 * - The first quantity in the span is the figure. Quantities are digits (grouped by ",", a
 *   no-break, narrow no-break or thin space; decimals with "."; Arabic-Indic digits too), number
 *   words ("six", "twenty-five", "three hundred and fifty", "a dozen", "two million"), a scale
 *   after digits ("1.3 million", "5 lakh"), or glued to them ("2.5m", "4.2bn", "5k": m is
 *   *million*, never metres; "30 km" with a space is a unit), and an optional currency sign
 *   before ("$4.2 billion" → unit "$").
 * - European notation ("1.234,5", "2,5", "1.234.567") and digits grouped by plain spaces are
 *   ambiguous and not supported: the former gives null rather than a wrong number.
 * - The qualifier is the phrase right before the quantity ("more than", "nearly", "~", "≥"…),
 *   else a phrase right after it ("or more", "+", "or so"), else "exact". "nearly", "almost",
 *   "just under", "just over", "close to" mean "approximately": the figure is near the value,
 *   and which side of it is secondary.
 * - Two quantities joined by "-", "–", "to", "and" or "or" ("2,000-4,000", "between 10 and 15
 *   per cent", "two or three") are a "range", whatever qualifier precedes them; a scale, per cent
 *   or currency sign on either end applies to both ("1.2-1.5 billion", "10-15%"), the scale only
 *   when the low end is not bigger than the high one's number ("500 to 2 million" stays 500).
 * - Vague magnitudes ("a few hundred", "dozens of", "hundreds of thousands", "several") have no
 *   value: qualifier "approximately" (or the phrase before them) and the unit after them.
 * - Fractions are proportions: "half" is 50 %, "a quarter" 25 %, "three quarters" 75 %
 *   ("almost half" → approximately 50 %), except before a scale ("half a million" → 500,000).
 * - The unit is "%" for %, per cent, percent, pct; the currency sign if there is one; else up to
 *   three words after the quantity, ending at punctuation, another number or a function word
 *   ("of", "in", "were", "who"…), keeping their case ("ISIS-K fighters"). Analysts select figure
 *   spans tightly, so this stays a short heuristic rather than a grammar.
 */

export type FigureQualifier =
  | "exact" | "approximately" | "more than" | "less than" | "at least" | "at most" | "up to" | "range";

export interface ParsedFigure {
  value?: number;
  low?: number;
  high?: number;
  qualifier: FigureQualifier;
  unit?: string;
}

interface Token {
  kind: "num" | "word" | "sym";
  text: string;
  lower: string;
  start: number;
  /** Whitespace right before it. */
  gap: boolean;
}

const TOKEN =
  /(?<num>\d{1,3}(?:[,\u00A0\u2009\u202F]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|(?<sym>US\$|>=|<=)|(?<word>[\p{L}\p{M}][\p{L}\p{M}\p{N}'’]*(?:-[\p{L}\p{M}\p{N}]+)*)|\S/gu;

function tokenize(span: string): Token[] {
  const tokens: Token[] = [];
  for (const m of span.matchAll(TOKEN)) {
    const start = m.index;
    tokens.push({
      kind: m.groups?.num ? "num" : m.groups?.word ? "word" : "sym",
      text: m[0],
      lower: m[0].toLowerCase(),
      start,
      gap: start > 0 && /\s/u.test(span[start - 1]!),
    });
  }
  return tokens;
}

/** Arabic-Indic and extended Arabic-Indic digits and separators → ASCII, one unit for one. */
function asciiDigits(span: string): string {
  return span.replace(/[\u0660-\u0669\u06F0-\u06F9\u066B\u066C]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x066b) return ".";
    if (code === 0x066c) return ",";
    return String((code & 0xf) % 10);
  });
}

const SMALL = [
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
  "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
];
const TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const UNIT_WORDS = new Map<string, number>([
  ...SMALL.map((w, i): [string, number] => [w, i]),
  ...TENS.map((w, i): [string, number] => [w, 20 + 10 * i]),
]);
/** Powers of ten. */
const SCALES = new Map([["thousand", 3], ["million", 6], ["billion", 9], ["trillion", 12], ["lakh", 5], ["lakhs", 5], ["crore", 7], ["crores", 7]]);
const GLUED = new Map([["k", 3], ["m", 6], ["mn", 6], ["mln", 6], ["b", 9], ["bn", 9], ["tn", 12]]);
const CURRENCY = new Set(["$", "US$", "€", "£", "¥", "₹"]);
const DASHES = new Set(["-", "–", "—", "‒", "−"]);
const VAGUE_FEW = ["few", "several", "handful"];
const VAGUE_PLURAL = ["dozens", "scores", "hundreds", "thousands", "millions", "billions", "tens", "lakhs", "crores"];

interface Quantity {
  /** The number before any scale ("1.3" in "1.3 million"), for ranges that share a scale. */
  base?: number;
  exp: number;
  percent: boolean;
  currency?: string;
  /** A vague magnitude or a fraction: "of" may follow before the unit. */
  vague: boolean;
  fraction: boolean;
  next: number;
}

/** base × 10^exp without binary rounding noise: 4.2 billion is 4200000000, not 4200000000.000001. */
function scaled(base: number, exp: number): number {
  const exact = Number(`${base}e${exp}`);
  return Number.isFinite(exact) ? exact : base * 10 ** exp;
}
const valueOf = (q: Quantity, exp = q.exp) => (q.base === undefined ? undefined : scaled(q.base, exp));
const isWord = (t: Token | undefined, ...words: string[]) => t?.kind === "word" && words.includes(t.lower);

function parsePercent(tokens: Token[], j: number): number {
  const t = tokens[j];
  if (t?.text === "%") return j + 1;
  if (isWord(t, "percent", "per-cent", "pct")) return j + 1;
  if (isWord(t, "per") && isWord(tokens[j + 1], "cent")) return j + 2;
  return -1;
}

/** Number words from token i: "twenty-five", "three hundred and fifty", "a dozen", "two million". */
function parseWords(tokens: Token[], i: number): { base: number; exp: number; next: number } | null {
  let j = i;
  let total = 0;
  let current = 0;
  let exp = 0;
  let any = false;
  const magnitude = (t: Token | undefined) => isWord(t, "hundred", "dozen") || (t !== undefined && SCALES.has(t.lower));
  if (isWord(tokens[j], "a", "an") && magnitude(tokens[j + 1])) {
    current = 1;
    j++;
  }
  for (;;) {
    const t = tokens[j];
    if (t?.kind !== "word") break;
    const parts = t.lower.split("-");
    if (!parts.every((p) => UNIT_WORDS.has(p) || (parts.length === 1 && magnitude(t)))) break;
    for (const p of parts) {
      const small = UNIT_WORDS.get(p);
      const scale = SCALES.get(p);
      if (small !== undefined) current += small;
      else if (p === "hundred") current = (current || 1) * 100;
      else if (p === "dozen") current = (current || 1) * 12;
      else if (scale !== undefined) {
        total += (current || 1) * 10 ** scale;
        current = 0;
      }
      exp = scale ?? 0;
    }
    any = true;
    j++;
    // "three hundred and fifty", "two thousand and five" — but "between one and two" is a range.
    const after = tokens[j + 1];
    const grouped = parts.length === 1 && (parts[0] === "hundred" || SCALES.has(parts[0]!));
    if (grouped && isWord(tokens[j], "and") && after && UNIT_WORDS.has(after.lower.split("-")[0]!)) j++;
  }
  if (!any) return null;
  const value = total + current;
  return { base: exp && current === 0 ? value / 10 ** exp : value, exp: current === 0 ? exp : 0, next: j };
}

/** "a few hundred", "several", "dozens of", "hundreds of thousands": a magnitude with no value. */
function parseVague(tokens: Token[], i: number): number {
  let j = i;
  if (isWord(tokens[j], "a")) j++;
  if (tokens[j] && isWord(tokens[j], ...VAGUE_FEW) && (j === i || tokens[j]!.lower !== "several")) {
    j++;
    const t = tokens[j];
    if (isWord(t, "hundred", "dozen") || (t && SCALES.has(t.lower))) j++;
    return j;
  }
  if (j !== i || !isWord(tokens[j], ...VAGUE_PLURAL)) return -1;
  j++;
  while (isWord(tokens[j], "of") && isWord(tokens[j + 1], ...VAGUE_PLURAL)) j += 2;
  return j;
}

function parseFraction(tokens: Token[], i: number): Quantity | null {
  let j = i;
  let base: number | undefined;
  if (isWord(tokens[j], "half", "one-half")) base = 0.5;
  else if (isWord(tokens[j], "a", "an", "one", "three") && isWord(tokens[j + 1], "half", "quarter", "quarters")) {
    base = (tokens[j]!.lower === "three" ? 0.75 : tokens[j + 1]!.lower === "half" ? 0.5 : 0.25);
    j++;
  } else if (isWord(tokens[j], "three-quarters")) base = 0.75;
  if (base === undefined) return null;
  j++;
  const scale = tokens[j + 1];
  if (isWord(tokens[j], "a", "an") && scale && (SCALES.has(scale.lower) || isWord(scale, "dozen"))) {
    const n = scale.lower === "dozen" ? base * 12 : scaled(base, SCALES.get(scale.lower)!);
    return { base: n, exp: 0, percent: false, vague: false, fraction: false, next: j + 2 };
  }
  return { base: base * 100, exp: 0, percent: true, vague: false, fraction: true, next: j };
}

/** A quantity starting at token i; "malformed" for European notation. */
function parseQuantity(tokens: Token[], i: number, allowVague: boolean): Quantity | "malformed" | null {
  let j = i;
  let currency: string | undefined;
  const first = tokens[j];
  if (first?.kind === "sym" && CURRENCY.has(first.text) && tokens[j + 1]?.kind === "num") {
    currency = first.text;
    j++;
  }
  const t = tokens[j];
  let q: Quantity | null = null;
  if (t?.kind === "num") {
    const after = tokens[j + 1];
    if (after && !after.gap && (after.kind === "num" || ((after.text === "," || after.text === ".") && tokens[j + 2]?.kind === "num" && !tokens[j + 2]!.gap))) {
      return "malformed";
    }
    const digits = t.text.replace(/[,\u00A0\u2009\u202F]/g, "");
    let exp = 0;
    j++;
    const s = tokens[j];
    if (s?.kind === "word" && !s.gap && GLUED.has(s.lower)) exp = GLUED.get(s.lower)!;
    else if (s?.kind === "word" && SCALES.has(s.lower)) exp = SCALES.get(s.lower)!;
    else if (isWord(s, "hundred")) exp = 2;
    if (exp) j++;
    q = { base: Number(digits), exp, percent: false, currency, vague: false, fraction: false, next: j };
  } else if (allowVague) {
    q = parseFraction(tokens, j);
    if (!q) {
      const end = parseVague(tokens, j);
      if (end > 0) q = { exp: 0, percent: false, vague: true, fraction: false, next: end };
    }
  }
  if (!q && t?.kind === "word") {
    const w = parseWords(tokens, j);
    if (w) q = { base: w.base, exp: w.exp, percent: false, vague: false, fraction: false, next: w.next };
  }
  if (!q) return null;
  const pct = parsePercent(tokens, q.next);
  if (pct > 0) return { ...q, percent: true, next: pct };
  return q;
}

const QUALIFIERS: [string, FigureQualifier][] = [
  ...(["approximately", "approx.", "approx", "about", "around", "roughly", "some", "nearly", "almost", "close to",
    "just under", "just over", "just shy of", "an estimated", "estimated", "estimated at", "est.", "circa", "ca.",
    "c.", "~", "≈", "more or less", "in the region of", "on the order of", "of the order of"] as const)
    .map((p): [string, FigureQualifier] => [p, "approximately"]),
  ...(["more than", "over", "above", "in excess of", "upwards of", "exceeding", "greater than", "well over", ">"] as const)
    .map((p): [string, FigureQualifier] => [p, "more than"]),
  ...(["less than", "fewer than", "under", "below", "well under", "<"] as const)
    .map((p): [string, FigureQualifier] => [p, "less than"]),
  ...(["at least", "no fewer than", "no less than", "not less than", "not fewer than", "a minimum of", "minimum of", "≥", ">="] as const)
    .map((p): [string, FigureQualifier] => [p, "at least"]),
  ...(["at most", "no more than", "not more than", "a maximum of", "maximum of", "not exceeding", "≤", "<="] as const)
    .map((p): [string, FigureQualifier] => [p, "at most"]),
  ...(["up to", "as many as", "as much as", "as high as"] as const).map((p): [string, FigureQualifier] => [p, "up to"]),
];

/** The qualifier phrase that `before` (the span before the quantity) ends with, longest first. */
function leadingQualifier(before: string): FigureQualifier | null {
  const s = before.toLowerCase().replace(/\s+/gu, " ").trimEnd();
  let best: [string, FigureQualifier] | null = null;
  for (const entry of QUALIFIERS) {
    const [phrase] = entry;
    if (!s.endsWith(phrase) || (best && best[0].length >= phrase.length)) continue;
    const prev = s[s.length - phrase.length - 1];
    if (/\p{L}/u.test(phrase[0]!) && prev !== undefined && /[\p{L}\p{N}]/u.test(prev)) continue;
    best = entry;
  }
  return best ? best[1] : null;
}

function trailingQualifier(tokens: Token[], j: number): { qualifier: FigureQualifier; next: number } | null {
  const t = tokens[j];
  if (t?.text === "+" && !t.gap) return { qualifier: "at least", next: j + 1 };
  if (isWord(t, "plus")) return { qualifier: "at least", next: j + 1 };
  if (t && DASHES.has(t.text) && isWord(tokens[j + 1], "odd")) return { qualifier: "approximately", next: j + 2 };
  if (!isWord(t, "or")) return null;
  const w = tokens[j + 1];
  if (isWord(w, "more", "over", "above")) return { qualifier: "at least", next: j + 2 };
  if (isWord(w, "fewer", "less", "under")) return { qualifier: "at most", next: j + 2 };
  if (isWord(w, "so", "thereabouts")) return { qualifier: "approximately", next: j + 2 };
  return null;
}

const STOP_WORDS = new Set([
  "of", "in", "on", "at", "by", "for", "from", "to", "with", "into", "onto", "across", "during", "since", "per", "near",
  "over", "under", "between", "among", "amongst", "according", "against", "than", "and", "or", "but", "as", "nor",
  "the", "a", "an", "this", "that", "these", "those", "their", "its", "his", "her", "our", "who", "which", "whom",
  "whose", "where", "when", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would",
  "could", "may", "might", "more", "less", "fewer", "each", "every", "including", "remain", "remained", "died",
  "killed", "fled", "said",
]);

function parseUnit(tokens: Token[], j: number, q: Quantity): string | undefined {
  if (q.percent) return "%";
  if (q.currency) return q.currency;
  if ((q.vague || q.fraction) && isWord(tokens[j], "of")) j++;
  const words: string[] = [];
  for (let t = tokens[j]; words.length < 3 && t?.kind === "word" && !STOP_WORDS.has(t.lower); t = tokens[++j]) {
    words.push(t.text);
  }
  return words.length ? words.join(" ") : undefined;
}

/** The figure in `span`, or null when it holds no quantity (or only an unsupported notation). */
export function parseFigure(span: string): ParsedFigure | null {
  const text = asciiDigits(span);
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const q = parseQuantity(tokens, i, true);
    if (q === "malformed") return null;
    if (!q) continue;
    let qualifier = leadingQualifier(text.slice(0, tokens[i]!.start));
    let j = q.next;

    const joint = tokens[j];
    if (!q.vague && !q.fraction && joint && (DASHES.has(joint.text) || isWord(joint, "to", "and", "or"))) {
      const r = parseQuantity(tokens, j + 1, false);
      if (r === "malformed") return null;
      if (r && r.base !== undefined && q.base !== undefined) {
        const shareExp = q.exp === 0 && r.exp !== 0 && q.base <= r.base ? r.exp : q.exp;
        const ends = [valueOf(q, shareExp)!, valueOf(r)!].sort((a, b) => a - b);
        const merged: Quantity = { ...r, percent: q.percent || r.percent, currency: q.currency ?? r.currency };
        return withUnit({ low: ends[0], high: ends[1], qualifier: "range" }, parseUnit(tokens, r.next, merged));
      }
    }
    if (!qualifier) {
      const trailing = trailingQualifier(tokens, j);
      if (trailing) ({ qualifier, next: j } = trailing);
    }
    return withUnit(
      { ...(q.base === undefined ? {} : { value: valueOf(q) }), qualifier: qualifier ?? (q.vague ? "approximately" : "exact") },
      parseUnit(tokens, j, q),
    );
  }
  return null;
}

function withUnit(figure: ParsedFigure, unit: string | undefined): ParsedFigure {
  return unit === undefined ? figure : { ...figure, unit };
}
