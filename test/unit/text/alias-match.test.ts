import { describe, expect, it } from "vitest";
import { codePointLength } from "@/lib/text/code-points";
import { type AliasEntry, type AliasMatch, matchAliases } from "@/lib/text/alias-match";
import { randomText, seededRandom } from "./random-text";

/** One alias per key, named by the alias itself: enough for most cases below. */
const entries = (...aliases: string[]): AliasEntry[] => aliases.map((alias) => ({ key: alias, alias }));

/** Entries from [key, alias] pairs. */
const keyed = (...pairs: [string, string][]): AliasEntry[] => pairs.map(([key, alias]) => ({ key, alias }));

/** [start, end, exact] triples, for short expectations. */
const spans = (text: string, ...aliases: string[]) =>
  matchAliases(text, entries(...aliases)).map((m) => [m.start, m.end, m.exact]);

const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;

/** The invariants every result holds, whatever the input (issue 15). */
function expectWellFormed(text: string, matches: readonly AliasMatch[]): void {
  const cps = [...text];
  for (const m of matches) {
    const where = `${JSON.stringify(m)} in ${JSON.stringify(text)}`;
    expect(cps.slice(m.start, m.end).join(""), where).toBe(m.exact);
    expect(m.start < m.end, where).toBe(true);
    expect(WORD_CHAR.test(cps[m.start - 1] ?? " "), `preceded by a word character: ${where}`).toBe(false);
    expect(WORD_CHAR.test(cps[m.end] ?? " "), `followed by a word character: ${where}`).toBe(false);
    // What was found is itself an occurrence of the alias, from edge to edge.
    const again = matchAliases(m.exact, [{ key: m.key, alias: m.alias }]);
    expect(again.map((a) => [a.start, a.end]), where).toEqual([[0, cps.slice(m.start, m.end).length]]);
  }
  const sorted = [...matches].sort((a, b) => a.start - b.start || a.end - b.end || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  expect(matches).toEqual(sorted);
}

describe("matchAliases, whole words", () => {
  it("finds nothing without aliases, in empty text, or for blank aliases", () => {
    expect(matchAliases("ISKP fighters", [])).toEqual([]);
    expect(matchAliases("", entries("ISKP"))).toEqual([]);
    expect(spans("a  b \n", "", " ", "\n\t", "\u00A0")).toEqual([]);
    // Only harakat and tatweel: nothing is left to match once they are set aside.
    expect(spans("مُحَمَّد ـ", "\u064F\u064E", "\u0640")).toEqual([]);
  });

  it("matches next to punctuation and the possessive, never inside a word", () => {
    expect(spans("ISKP's fighters", "ISKP")).toEqual([[0, 4, "ISKP"]]);
    expect(spans("the group (ISKP) said", "ISKP")).toEqual([[11, 15, "ISKP"]]);
    expect(spans("ISKPX XISKP ISKP2 2ISKP ISKP_", "ISKP")).toEqual([[24, 28, "ISKP"]]);
    expect(spans("“ISKP”—ISKP.", "ISKP")).toEqual([[1, 5, "ISKP"], [7, 11, "ISKP"]]);
  });

  it("takes aliases with hyphens, apostrophes, digits and spaces as written", () => {
    expect(spans("IS-K and IS-KP and IS K", "IS-K")).toEqual([[0, 4, "IS-K"]]);
    expect(spans("Brigade 313, Brigade 3131", "Brigade 313")).toEqual([[0, 11, "Brigade 313"]]);
    expect(spans("Mullah Omar's men", "Mullah Omar's")).toEqual([[0, 13, "Mullah Omar's"]]);
    // An alias that starts or ends with punctuation still needs no letter beside it.
    expect(spans("(ISKP) x(ISKP)", "(ISKP)")).toEqual([[0, 6, "(ISKP)"]]);
  });

  it("does not match a letter without its combining marks", () => {
    expect(spans("cafe\u0301 cafe", "cafe")).toEqual([[6, 10, "cafe"]]);
    expect(spans("cafe\u0301 cafe", "cafe\u0301")).toEqual([[0, 5, "cafe\u0301"]]);
    expect(spans("café", "cafe")).toEqual([]); // precomposed é is another letter: no normalization
  });
});

describe("matchAliases, case-insensitive in any script", () => {
  it("ignores case in Latin", () => {
    expect(spans("Iskp, ISKP and iskp", "ISKP")).toEqual([[0, 4, "Iskp"], [6, 10, "ISKP"], [15, 19, "iskp"]]);
  });

  it("takes no offset from a lower-cased copy: İ lower-cases to two code points", () => {
    expect("İİİ Kabul".toLowerCase().indexOf("kabul")).toBe(7);
    expect(spans("İİİ Kabul", "kabul")).toEqual([[4, 9, "Kabul"]]);
    const text = "İstanbul'da, ISTANBUL and istanbul";
    const all = [[0, 8, "İstanbul"], [13, 21, "ISTANBUL"], [26, 34, "istanbul"]];
    expect(spans(text, "istanbul")).toEqual(all);
    expect(spans(text, "İstanbul")).toEqual(all);
    expect(spans(text, "İSTANBUL")).toEqual(all);
    expect(spans("ılık ILIK", "ılık")).toEqual([[0, 4, "ılık"]]); // dotless ı folds to itself
  });

  it("folds ß, ẞ and SS alike, and never matches half of ß", () => {
    const text = "Straße STRASSE Strasse STRAẞE";
    const all = [[0, 6, "Straße"], [7, 14, "STRASSE"], [15, 22, "Strasse"], [23, 29, "STRAẞE"]];
    for (const alias of ["straße", "STRASSE", "strasse", "STRAẞE"]) expect(spans(text, alias)).toEqual(all);
    expect(spans("ß", "s")).toEqual([]);
    expect(spans("ß", "ss")).toEqual([[0, 1, "ß"]]);
    expect(spans("aß sb", "s")).toEqual([]);
  });

  it("folds Greek final sigma, ligatures and astral scripts", () => {
    expect(spans("ΟΔΟΣ οδος οδοσ", "οδος")).toEqual([[0, 4, "ΟΔΟΣ"], [5, 9, "οδος"], [10, 14, "οδοσ"]]);
    expect(spans("ﬁnal FINAL", "final")).toEqual([[0, 4, "ﬁnal"], [5, 10, "FINAL"]]);
    expect(spans("\u212A K k", "k")).toEqual([[0, 1, "\u212A"], [2, 3, "K"], [4, 5, "k"]]); // Kelvin sign
    // Deseret has capital and small letters outside the BMP.
    expect(spans("𐐀𐐇 𐐨𐐯", "𐐨𐐯")).toEqual([[0, 2, "𐐀𐐇"], [3, 5, "𐐨𐐯"]]);
  });
});

describe("matchAliases, Arabic script", () => {
  it("matches with and without harakat, either way round, quoting the marks", () => {
    expect(spans("بيان داعش خُراسان اليوم", "داعش خراسان")).toEqual([[5, 17, "داعش خُراسان"]]);
    expect(spans("بيان داعش خراسان اليوم", "داعش خُراسان")).toEqual([[5, 16, "داعش خراسان"]]);
    expect(spans("مُحَمَّد ومحمد محمد", "محمد")).toEqual([[0, 8, "مُحَمَّد"], [15, 19, "محمد"]]);
    // Marks after the last letter belong to the match.
    expect(spans("إلى خراسانٌ.", "خراسان")).toEqual([[4, 11, "خراسانٌ"]]);
  });

  it("ignores tatweel", () => {
    expect(spans("عن داعـــش اليوم", "داعش")).toEqual([[3, 10, "داعـــش"]]);
    expect(spans("عن داعش", "داعـش")).toEqual([[3, 7, "داعش"]]);
    expect(spans("ـداعش داعشـ", "داعش")).toEqual([[6, 11, "داعشـ"]]);
  });

  it("treats alef variants, alef maqsura and ta marbuta as their plain letters", () => {
    expect(spans("أبو بكر البغدادي", "ابو بكر البغدادي")).toEqual([[0, 16, "أبو بكر البغدادي"]]);
    expect(spans("إسلام اسلام آمن امن ٱسلام", "اسلام")).toEqual([[0, 5, "إسلام"], [6, 11, "اسلام"], [20, 25, "ٱسلام"]]);
    expect(spans("آمن", "أمن")).toEqual([[0, 3, "آمن"]]);
    expect(spans("مصطفى مصطفي", "مصطفي")).toEqual([[0, 5, "مصطفى"], [6, 11, "مصطفي"]]);
    expect(spans("الدولة الإسلامية", "الدوله الاسلاميه")).toEqual([[0, 16, "الدولة الإسلامية"]]);
  });

  it("treats the Persian yeh and keheh as Arabic ya and kaf", () => {
    expect(spans("ولایت خراسان", "ولايت خراسان")).toEqual([[0, 12, "ولایت خراسان"]]);
    expect(spans("کابل و كابل", "كابل")).toEqual([[0, 4, "کابل"], [7, 11, "كابل"]]);
  });

  it("does not match inside a word, even after a mark it ignores", () => {
    expect(spans("داعشي داعش", "داعش")).toEqual([[6, 10, "داعش"]]);
    expect(spans("وداعش", "داعش")).toEqual([]); // clitics are not split off
    // "مُحَمَّد" folds to "محمد", but "حمد" starts after the damma of its first letter.
    expect(spans("مُحَمَّد", "حمد")).toEqual([]);
  });

  it("counts code points in mixed Arabic and Latin text", () => {
    const text = "ISKP (داعش خُراسان) claimed; Daesh-K denied";
    const found = matchAliases(text, keyed(["iskp", "داعش خراسان"], ["iskp", "ISKP"], ["iskp", "Daesh-K"]));
    expect(found.map((m) => [m.start, m.end, m.exact, m.alias])).toEqual([
      [0, 4, "ISKP", "ISKP"],
      [6, 18, "داعش خُراسان", "داعش خراسان"],
      [29, 36, "Daesh-K", "Daesh-K"],
    ]);
    expectWellFormed(text, found);
  });
});

describe("matchAliases, astral text", () => {
  it("shifts offsets by one code point per astral character", () => {
    expect(spans("😀 ISKP", "ISKP")).toEqual([[2, 6, "ISKP"]]);
    expect(spans("𠀋 ISKP", "ISKP")).toEqual([[2, 6, "ISKP"]]);
    expect(spans("👩‍👩‍👧 🇦🇫 ISKP", "iskp")).toEqual([[9, 13, "ISKP"]]);
    expect(spans("😀ISKP😀", "ISKP")).toEqual([[1, 5, "ISKP"]]); // an emoji is no letter
    expect(spans("𠀋ISKP", "ISKP")).toEqual([]); // an astral CJK character is one
  });

  it("matches astral aliases", () => {
    expect(spans("a 𠀋𠀋 b 𠀋𠀋𠀋", "𠀋𠀋")).toEqual([[2, 4, "𠀋𠀋"]]);
    expect(spans("😀 x 😀", "😀")).toEqual([[0, 1, "😀"], [4, 5, "😀"]]);
  });

  it("keeps every result well formed around emoji, flags and Arabic", () => {
    const text = "🇦🇫 داعش 👍🏽 ISKP, 𠀋 (مُحَمَّد) iskp 😀";
    const found = matchAliases(text, entries("داعش", "ISKP", "محمد", "👍🏽"));
    expect(found.map((m) => m.exact)).toEqual(["داعش", "👍🏽", "ISKP", "مُحَمَّد", "iskp"]);
    expectWellFormed(text, found);
  });
});

describe("matchAliases, overlapping aliases", () => {
  it("prefers the longest alias at one start, across keys", () => {
    const text = "the Islamic State Khorasan Province and the Islamic State";
    const found = matchAliases(text, keyed(["IS", "Islamic State"], ["ISKP", "Islamic State Khorasan"]));
    expect(found.map((m) => [m.key, m.start, m.end])).toEqual([["ISKP", 4, 26], ["IS", 44, 57]]);
  });

  it("returns every key that matches the same span, sorted by key", () => {
    const found = matchAliases("Daesh said", keyed(["isil", "Daesh"], ["is", "DAESH"]));
    expect(found.map((m) => [m.key, m.alias, m.start, m.end])).toEqual([["is", "DAESH", 0, 5], ["isil", "Daesh", 0, 5]]);
  });

  it("reports a span once per key, with the key's first alias", () => {
    const found = matchAliases("ISKP", keyed(["k", "ISKP"], ["k", "iskp"], ["k", "ISKP"]));
    expect(found).toEqual([{ key: "k", alias: "ISKP", start: 0, end: 4, exact: "ISKP" }]);
  });

  it("never overlaps two matches of one key; other keys may overlap", () => {
    const text = "Abu Bakr al-Baghdadi";
    const same = matchAliases(text, keyed(["baghdadi", "Abu Bakr"], ["baghdadi", "Bakr al-Baghdadi"]));
    expect(same.map((m) => [m.start, m.end])).toEqual([[0, 8]]);
    const other = matchAliases(text, keyed(["a", "Abu Bakr"], ["b", "Bakr al-Baghdadi"]));
    expect(other.map((m) => [m.key, m.start, m.end])).toEqual([["a", 0, 8], ["b", 4, 20]]);
  });

  it("lets a shorter alias of another key stand where the longest is taken by an overlap", () => {
    const found = matchAliases("x y z w", keyed(["A", "x y"], ["A", "y z w"], ["B", "y"]));
    expect(found.map((m) => [m.key, m.start, m.end])).toEqual([["A", 0, 3], ["B", 2, 3]]);
  });

  it("sorts by start, then end, then key", () => {
    const text = "Islamic State Khorasan";
    const found = matchAliases(text, keyed(["z", "Khorasan"], ["y", "State Khorasan"], ["x", "Islamic State"], ["w", "islamic state"]));
    expect(found.map((m) => [m.key, m.start, m.end])).toEqual([["w", 0, 13], ["x", 0, 13], ["y", 8, 22], ["z", 14, 22]]);
    expectWellFormed(text, found);
  });
});

describe("matchAliases, whitespace", () => {
  it("matches any run of whitespace for a space in the alias", () => {
    const text = "Islamic\nState, Islamic \t State, Islamic\u00A0State, IslamicState";
    expect(spans(text, "Islamic State")).toEqual([
      [0, 13, "Islamic\nState"],
      [15, 30, "Islamic \t State"],
      [32, 45, "Islamic\u00A0State"],
    ]);
    expect(spans("Islamic State", "Islamic \n  State")).toEqual([[0, 13, "Islamic State"]]);
  });

  it("trims the alias", () => {
    expect(spans("ISKP.", "  ISKP\n")).toEqual([[0, 4, "ISKP"]]);
  });

  it("does not take a zero-width space for whitespace", () => {
    expect(spans("Islamic\u200BState", "Islamic State")).toEqual([]);
  });
});

describe("matchAliases, a long text", () => {
  // 100 Latin and 100 Arabic aliases; each paragraph holds two occurrences of every alias (one
  // with another case or harakat and a line break) and one near miss that is inside a longer number.
  const aliases: AliasEntry[] = Array.from({ length: 200 }, (_, i) => ({
    key: `entity-${i}`,
    alias: i < 100 ? `Commander ${i}` : `القائد ${i}`,
  }));
  const paragraph = Array.from({ length: 200 }, (_, i) =>
    i < 100
      ? `Reports name COMMANDER ${i}, not commander ${i}x or Commander ${i}٠; commander\n${i} denied it.\n`
      : `قال القائدُ ${i} إن القائد ${i}٠ والقائد ${i} و القائد\n${i}.\n`,
  ).join("");
  const repeats = Math.ceil(200_000 / paragraph.length);
  const text = paragraph.repeat(repeats);

  it("finds every occurrence in ~200 KB with 200 aliases", () => {
    expect(text.length).toBeGreaterThanOrEqual(200_000);
    const found = matchAliases(text, aliases);
    expect(found).toHaveLength(200 * 2 * repeats);
    const perKey = new Map<string, number>();
    for (const m of found) perKey.set(m.key, (perKey.get(m.key) ?? 0) + 1);
    expect([...perKey.values()].every((n) => n === 2 * repeats)).toBe(true);
    expect(perKey.size).toBe(200);
    expect(found.slice(0, 2).map((m) => m.exact)).toEqual(["COMMANDER 0", "commander\n0"]);
    expect(found.filter((m) => m.key === "entity-150").slice(0, 2).map((m) => m.exact)).toEqual(["القائدُ 150", "القائد\n150"]);
    const cps = [...text];
    for (const m of found) expect(cps.slice(m.start, m.end).join("")).toBe(m.exact);
    expect(found[found.length - 1]!.end).toBe(codePointLength(text) - 2);
  });
});

describe("matchAliases, random text with planted aliases", () => {
  const SPACES = new Set([" ", "\n", "\t"]);

  it.each(Array.from({ length: 40 }, (_, i) => i + 1))("seed %i", (seed) => {
    const rand = seededRandom(seed);
    const pieces = Array.from({ length: 160 }, () => randomText(rand, 1));
    // Aliases are runs of the text's own pieces that neither start nor end with whitespace.
    const aliases: AliasEntry[] = [];
    while (aliases.length < 6) {
      const from = Math.floor(rand() * pieces.length);
      const run = pieces.slice(from, from + 1 + Math.floor(rand() * 5));
      if (SPACES.has(run[0]!) || SPACES.has(run[run.length - 1]!)) continue;
      aliases.push({ key: `k${aliases.length}`, alias: run.join("") });
    }
    // Plant each alias a few times between bars, which no alias holds: those spans must be found.
    const planted: [string, number, number][] = [];
    let text = "";
    const append = (s: string) => (text += s);
    for (const piece of pieces) {
      append(piece);
      if (rand() < 0.1) {
        const { key, alias } = aliases[Math.floor(rand() * aliases.length)]!;
        const start = codePointLength(append("|"));
        planted.push([key, start, start + codePointLength(alias)]);
        append(alias + "|");
      }
    }
    const found = matchAliases(text, aliases);
    expectWellFormed(text, found);
    const spansFound = new Set(found.map((m) => `${m.key} ${m.start} ${m.end}`));
    for (const [key, start, end] of planted) {
      expect(spansFound.has(`${key} ${start} ${end}`), `${key} at ${start} in ${JSON.stringify(text)}`).toBe(true);
    }
  });
});
