import { describe, expect, it } from "vitest";
import { detectFigures, type DetectedFigure } from "@/lib/text/detect-figures";
import { parseFigure, type ParsedFigure } from "@/lib/text/figures";
import { randomText, seededRandom } from "./random-text";

/**
 * The figure detector (issue 15): which spans of running text are proposed as figures. The rules
 * are listed in lib/text/detect-figures.ts; the readings themselves are parseFigure's
 * (figures.test.ts).
 */

const found = (text: string) => detectFigures(text).map((f) => [f.exact, f.reading] as const);
const exacts = (text: string) => detectFigures(text).map((f) => f.exact);
/** The code-point offset of the first occurrence of `exact`, computed independently of lib/text. */
const cpIndexOf = (text: string, exact: string) => [...text.slice(0, text.indexOf(exact))].length;

// regional-cooperation-iskp.txt (the demo corpus), with a resolution sentence added.
const PARAGRAPH = `Saturday, April 20, 2024
According to the former Ashraf Ghani-led Afghan government, there are about 1,000 ISIL fighters in the country. Many experts suggest that the ISKP had between 2,500 and 8,500 militants in Afghanistan at its height in 2016. Due to several operations against ISKP, their ranks have dwindled to roughly 2,000-4,000 militants by late 2019.
Subsequently, the number of deaths due to terrorism in South Asia has increased by eight per cent in 2021 to 1,829. Pakistan has witnessed an uptick in terrorist attacks by 5% in 2021 whereas Afghanistan witnessed the deadliest attack since 2007 at Kabul International airport, which killed 170 individuals and injured over 200. It has also launched 32 attacks against its rival, the Afghan Taliban since they took power in August 2021.
Since 2011, between 2,000 and 4,000 Central Asian citizens have migrated to Syria and Iraq. UN Security Council Resolution 2593 (2021), adopted on 30 August 2021, was cited in §4 of the report.
He tweets @smalinaqvi05.`;

describe("detectFigures on running text", () => {
  it("proposes the figures of a report paragraph, and no years, dates or resolution numbers", () => {
    expect(found(PARAGRAPH)).toEqual([
      ["about 1,000 ISIL fighters", { value: 1000, qualifier: "approximately", unit: "ISIL fighters" }],
      ["between 2,500 and 8,500 militants", { low: 2500, high: 8500, qualifier: "range", unit: "militants" }],
      ["roughly 2,000-4,000 militants", { low: 2000, high: 4000, qualifier: "approximately", unit: "militants" }],
      ["eight per cent", { value: 8, qualifier: "exact", unit: "%" }],
      ["1,829", { value: 1829, qualifier: "exact" }],
      ["5%", { value: 5, qualifier: "exact", unit: "%" }],
      ["170 individuals", { value: 170, qualifier: "exact", unit: "individuals" }],
      ["over 200", { value: 200, qualifier: "more than" }],
      ["32 attacks", { value: 32, qualifier: "exact", unit: "attacks" }],
      ["between 2,000 and 4,000 Central Asian citizens", { low: 2000, high: 4000, qualifier: "range", unit: "Central Asian citizens" }],
    ]);
  });

  it("gives code-point offsets that slice to the exact quote", () => {
    for (const f of detectFigures(PARAGRAPH)) {
      expect(f.start).toBe(cpIndexOf(PARAGRAPH, f.exact));
      expect(f.end - f.start).toBe([...f.exact].length);
    }
  });

  it("reads Arabic text with Arabic-Indic digits and separators", () => {
    // The parser reads no Arabic qualifiers ("أكثر من", more than) nor "٪": the span starts at the number.
    const text = "قال مسؤولون إن أكثر من ٦٬٠٠٠ مقاتل، بينهم ١٬٣٠٠ أجنبي، ينشطون في الولاية منذ عام ٢٠٢١ وحتى ٣١ مايو ٢٠٢٤.";
    expect(found(text)).toEqual([
      ["٦٬٠٠٠ مقاتل", { value: 6000, qualifier: "exact", unit: "مقاتل" }],
      ["١٬٣٠٠ أجنبي", { value: 1300, qualifier: "exact", unit: "أجنبي" }],
    ]);
    const [first] = detectFigures(text);
    expect(first!.start).toBe(cpIndexOf(text, "٦٬٠٠٠"));
  });

  it("counts code points, not UTF-16 units, after emoji and astral characters", () => {
    const text = "👩‍👩‍👧🇦🇫 𠀋 update 😀: more than 6,000 fighters 👍🏽 and about 40% of them.";
    const figures = detectFigures(text);
    expect(figures.map((f) => f.exact)).toEqual(["more than 6,000 fighters", "about 40%"]);
    const [a, b] = figures as [DetectedFigure, DetectedFigure];
    expect(a.start).toBe(cpIndexOf(text, "more than"));
    expect(a.start).toBeLessThan(text.indexOf("more than")); // the fixture does hold astral characters first
    expect([a.start, a.end]).toEqual([20, 44]);
    expect([b.start, b.end]).toEqual([cpIndexOf(text, "about 40%"), cpIndexOf(text, "about 40%") + 9]);
    expect([...text].slice(b.start, b.end).join("")).toBe("about 40%");
  });

  it("finds the three phrasings of the issue", () => {
    expect(found("Officials put the group at around 2,500 to 3,000 in the province.")).toEqual([
      ["around 2,500 to 3,000", { low: 2500, high: 3000, qualifier: "approximately" }],
    ]);
    expect(found("The commander said 1,300 of fighters had surrendered.")).toEqual([
      ["1,300 of fighters", { value: 1300, qualifier: "exact", unit: "fighters" }],
    ]);
    expect(found("Nearly a third of the displaced are children.")).toEqual([
      ["Nearly a third", { value: 100 / 3, qualifier: "approximately", unit: "%" }],
    ]);
  });

  // [text, the spans proposed in it]
  const SPANS: [string, string[]][] = [
    // The qualifier before and the unit after.
    ["There are more than 6,000 fighters, officials said.", ["more than 6,000 fighters"]],
    ["It counted between 2,500 and 3,000 people.", ["between 2,500 and 3,000 people"]],
    ["The UN counts 1.2 million displaced people.", ["1.2 million displaced people"]],
    ["It holds no more than 200 detainees.", ["no more than 200 detainees"]],
    ["It had an estimated 5,000 displaced families.", ["an estimated 5,000 displaced families"]],
    ["The force was well over 300 men.", ["well over 300 men"]],
    ["They number (~500) in all.", ["~500"]],
    ["Aid of US$5bn, then $4.2 billion, was pledged.", ["US$5bn", "$4.2 billion"]],
    ["Aid of US$5bn and $4.2 billion.", ["US$5bn and $4.2 billion"]], // the parser: "X and Y" is a range
    ["They count 30-odd fighters and 5,000+ supporters.", ["30-odd fighters", "5,000+ supporters"]],
    ["Some ۶۰۰۰ جنگجو.", ["Some ۶۰۰۰ جنگجو"]],
    ["Rents rose 2 500 per cent.", ["2 500 per cent"]],
    // The longest reading wins; no overlaps.
    ["Three hundred and fifty people fled.", ["Three hundred and fifty people"]],
    ["A quarter of a million people fled.", ["A quarter of a million people"]],
    ["Tens of thousands of people fled.", ["Tens of thousands of people"]],
    ["Several thousand troops were sent.", ["Several thousand troops"]],
    ["between one and two million.", ["between one and two million"]],
    ["Two dozen police officers were hurt.", ["Two dozen police officers"]],
    ["killed 17 people, killed 17 people, ", ["17 people", "17 people"]],
    // Number words only with enough around them.
    ["Twelve soldiers were killed; at least three people were hurt.", ["Twelve soldiers", "at least three people"]],
    // A proportion's unit is %, so "children" is not read.
    ["Dozens of civilians fled; one in five children is hungry; more than half of them left.", ["Dozens of civilians", "one in five", "more than half"]],
    ["Half of the fighters and two-thirds of the displaced stayed.", ["Half", "two-thirds"]],
    ["A third attack killed 12 people.", ["12 people"]],
    // Determiners, a vague word without a magnitude, fractions of time, bare small numbers.
    ["By one estimate, the two sides held several operations.", []],
    ["In the first half of 2024 it took half an hour; a third attack followed.", []],
    ["A few days later a dozen.", []],
  ];

  it.each(SPANS)("%j", (text, expected) => {
    expect(exacts(text)).toEqual(expected);
  });
});

describe("detectFigures refuses what is not a figure", () => {
  it.each([
    ["bare years", "It began in 2024, peaked in 2023–2024 and ended by 2000."],
    ["a year before a capitalised word or after a determiner", "In 2021 Pakistan saw the 2021 attacks."],
    ["year ranges, even with a noun", "The 2019 to 2021 elections were held."],
    ["dates with month names", "On 31 May 2024 and May 31, 2024 and 20 April and Jan. 5 it rained."],
    ["numeric dates", "Filed 2024-05-31, 31/05/2024, 12.05.2024 and after 9/11."],
    ["times", "At 10:30, at 10 am, at 10.30pm and at 14:05:09 GMT."],
    ["ordinals and decades", "The 3rd battalion of the 21st century in the 1990s."],
    ["section and resolution numbers", "Resolution 2593, Resolutions 1267, 1989 and 2253, Article 51, § 4, No. 7, p. 12 and #12."],
    ["phone-like digit runs", "Call +93 700 123 456 or 0799 123 456 or 555 1234 or 123456789."],
    ["numbers inside words and identifiers", "IS-K2, COVID-19, A4, F-16, G7, 4x4, mp3 and @user05."],
    ["compound modifiers", "A 20-year-old man and a 3-day truce."],
    ["list markers and citations", "1. Introduction\n2) Method [12] and (3)."],
  ])("%s", (_, text) => {
    expect(exacts(text)).toEqual([]);
  });

  it("keeps a year-like number with a unit after it", () => {
    expect(exacts("Officials said 2000 fighters and 2,000 more were there.")).toEqual(["2000 fighters", "2,000"]);
  });

  it("never crosses a line break", () => {
    expect(exacts("more than\n6,000 fighters")).toEqual(["6,000 fighters"]);
    expect(exacts("about 6,000\nfighters")).toEqual(["about 6,000"]);
    expect(exacts("about 6,000\r\nfighters")).toEqual(["about 6,000"]);
  });

  it("leaves trailing punctuation out and starts on a word boundary", () => {
    expect(exacts("killed 13.")).toEqual(["13"]);
    expect(exacts("(about 500), “nearly 80 per cent”.")).toEqual(["about 500", "nearly 80 per cent"]);
    expect(exacts("overabout 500")).toEqual(["500"]);
  });

  it("handles empty and figure-free text", () => {
    expect(detectFigures("")).toEqual([]);
    expect(detectFigures("no figure here")).toEqual([]);
  });
});

describe("detectFigures properties", () => {
  const PHRASES = [
    "more than 6,000 fighters", "٣٬٥٠٠ مقاتل", "in 2024", "nearly a third", "10:30", "2,000–4,000 militants",
    "COVID-19", "$4.2 billion", "a few hundred fighters", " 7 ", "about 40%",
  ];

  it("every result slices to its exact, parses to its reading, and results are sorted and disjoint", () => {
    const rand = seededRandom(15);
    for (let round = 0; round < 400; round++) {
      let text = "";
      for (let k = 0; k < 6; k++) text += randomText(rand, 4) + (rand() < 0.6 ? PHRASES[Math.floor(rand() * PHRASES.length)] : "");
      const points = [...text];
      let last = 0;
      for (const f of detectFigures(text)) {
        expect(points.slice(f.start, f.end).join("")).toBe(f.exact);
        expect(parseFigure(f.exact)).toEqual(f.reading);
        expect(hasQuantity(f.reading) || f.reading.unit !== undefined).toBe(true);
        expect(f.exact).not.toMatch(/[\n\r]/);
        expect(f.start).toBeGreaterThanOrEqual(last);
        expect(f.end).toBeGreaterThan(f.start);
        last = f.end;
      }
    }
  });

  it("stays fast on a long line without spaces and on many numbers", () => {
    const long = "a".repeat(200_000) + " 5 fighters";
    expect(exacts(long)).toEqual(["5 fighters"]);
    const many = "killed 17 people, ".repeat(20_000);
    const t0 = performance.now();
    expect(detectFigures(many)).toHaveLength(20_000);
    expect(performance.now() - t0).toBeLessThan(15_000);
  });
});

function hasQuantity(r: ParsedFigure): boolean {
  return r.value !== undefined || (r.low !== undefined && r.high !== undefined);
}
