import { describe, expect, it } from "vitest";
import { ZFigureAttributes } from "@/lib/annotations/attributes";
import { parseFigure, type ParsedFigure } from "@/lib/text/figures";

/**
 * The specification of the figure parser: real-world phrasings from conflict reporting and what an
 * analyst would record for them. See the rules in lib/text/figures.ts.
 */
const TABLE: [string, ParsedFigure | null][] = [
  // Plain numbers: digits, groupings, decimals, scales.
  ["1,300", { value: 1300, qualifier: "exact" }],
  ["6000", { value: 6000, qualifier: "exact" }],
  ["1\u202F000 displaced", { value: 1000, qualifier: "exact", unit: "displaced" }], // narrow no-break space
  ["1\u00A0000", { value: 1000, qualifier: "exact" }], // no-break space
  ["12\u2009500 refugees", { value: 12500, qualifier: "exact", unit: "refugees" }], // thin space
  ["1,000,000", { value: 1_000_000, qualifier: "exact" }],
  ["1.3 million", { value: 1_300_000, qualifier: "exact" }],
  ["2.5m", { value: 2_500_000, qualifier: "exact" }],
  ["4.2bn", { value: 4_200_000_000, qualifier: "exact" }],
  ["$4.2 billion", { value: 4_200_000_000, qualifier: "exact", unit: "$" }],
  ["US$5bn in aid", { value: 5_000_000_000, qualifier: "exact", unit: "US$" }],
  ["€30m", { value: 30_000_000, qualifier: "exact", unit: "€" }],
  ["5 lakh people", { value: 500_000, qualifier: "exact", unit: "people" }],
  ["۶۰۰۰ جنگجو", { value: 6000, qualifier: "exact", unit: "جنگجو" }], // Persian digits, Dari "fighters"
  ["٣٬٥٠٠ مقاتل", { value: 3500, qualifier: "exact", unit: "مقاتل" }], // Arabic digits and separator
  ["٣٠٠٠", { value: 3000, qualifier: "exact" }], // Arabic-Indic digits, no separator
  ["4 000", { value: 4000, qualifier: "exact" }], // plain space as thousands separator
  ["more than 2 500", { value: 2500, qualifier: "more than" }],
  ["at least 10 000 people", { value: 10_000, qualifier: "at least", unit: "people" }],
  ["1 234 567", { value: 1_234_567, qualifier: "exact" }],
  ["2020 300", { value: 2020, qualifier: "exact" }], // a group has at most three digits before the first space
  ["1.5bn", { value: 1_500_000_000, qualifier: "exact" }],
  ["1.1m people", { value: 1_100_000, qualifier: "exact", unit: "people" }],
  ["at least 1.2 million", { value: 1_200_000, qualifier: "at least" }],
  ["over 6.8 million internally displaced people", { value: 6_800_000, qualifier: "more than", unit: "internally displaced people" }],
  ["a 5,000-strong force", { value: 5000, qualifier: "exact" }],
  // Number words.
  ["six", { value: 6, qualifier: "exact" }],
  ["twelve", { value: 12, qualifier: "exact" }],
  ["twenty-five", { value: 25, qualifier: "exact" }],
  ["Twenty five soldiers", { value: 25, qualifier: "exact", unit: "soldiers" }],
  ["a dozen", { value: 12, qualifier: "exact" }],
  ["two dozen police officers", { value: 24, qualifier: "exact", unit: "police officers" }],
  ["three hundred and fifty", { value: 350, qualifier: "exact" }],
  ["a hundred", { value: 100, qualifier: "exact" }],
  ["two million", { value: 2_000_000, qualifier: "exact" }],
  ["half a million refugees", { value: 500_000, qualifier: "exact", unit: "refugees" }],
  ["a quarter of a million people", { value: 250_000, qualifier: "exact", unit: "people" }],
  ["one and a half million Syrians", { value: 1_500_000, qualifier: "exact", unit: "Syrians" }],
  ["2 and a half million people", { value: 2_500_000, qualifier: "exact", unit: "people" }],
  // Qualifiers before the number.
  ["more than 6000", { value: 6000, qualifier: "more than" }],
  ["more than 6,000 fighters", { value: 6000, qualifier: "more than", unit: "fighters" }],
  ["over 1,000 fighters", { value: 1000, qualifier: "more than", unit: "fighters" }],
  ["in excess of 900", { value: 900, qualifier: "more than" }],
  ["> 100", { value: 100, qualifier: "more than" }],
  ["upwards of 20,000 troops", { value: 20_000, qualifier: "more than", unit: "troops" }],
  ["upward of 500 militants", { value: 500, qualifier: "more than", unit: "militants" }],
  ["over 10k", { value: 10_000, qualifier: "more than" }],
  ["fewer than 50 civilians", { value: 50, qualifier: "less than", unit: "civilians" }],
  ["less than 5%", { value: 5, qualifier: "less than", unit: "%" }],
  ["< 5", { value: 5, qualifier: "less than" }],
  ["under 300", { value: 300, qualifier: "less than" }],
  ["at least 13", { value: 13, qualifier: "at least" }],
  ["no fewer than 40", { value: 40, qualifier: "at least" }],
  ["no fewer than 500", { value: 500, qualifier: "at least" }],
  ["fewer than 100", { value: 100, qualifier: "less than" }],
  ["the deaths of at least 1,200 civilians", { value: 1200, qualifier: "at least", unit: "civilians" }],
  ["a minimum of 75 households", { value: 75, qualifier: "at least", unit: "households" }],
  ["≥ 10", { value: 10, qualifier: "at least" }],
  ["at most 30 km", { value: 30, qualifier: "at most", unit: "km" }],
  ["no more than 200", { value: 200, qualifier: "at most" }],
  ["up to 10,000", { value: 10_000, qualifier: "up to" }],
  ["as many as 3,000", { value: 3000, qualifier: "up to" }],
  ["as many as 9,000", { value: 9000, qualifier: "up to" }],
  ["up to 7,000 fighters", { value: 7000, qualifier: "up to", unit: "fighters" }],
  ["approximately 7,000", { value: 7000, qualifier: "approximately" }],
  ["about 3.5 billion dollars", { value: 3_500_000_000, qualifier: "approximately", unit: "dollars" }],
  ["some 200 families", { value: 200, qualifier: "approximately", unit: "families" }],
  ["around 40%", { value: 40, qualifier: "approximately", unit: "%" }],
  ["roughly 1,500 Taliban fighters", { value: 1500, qualifier: "approximately", unit: "Taliban fighters" }],
  ["nearly 400", { value: 400, qualifier: "approximately" }],
  ["almost 90 people", { value: 90, qualifier: "approximately", unit: "people" }],
  ["just under 2,000", { value: 2000, qualifier: "approximately" }],
  ["an estimated 5,000 displaced families", { value: 5000, qualifier: "approximately", unit: "displaced families" }],
  ["an estimated 6,000", { value: 6000, qualifier: "approximately" }],
  ["~500", { value: 500, qualifier: "approximately" }],
  ["≈ 20", { value: 20, qualifier: "approximately" }],
  ["c. 250", { value: 250, qualifier: "approximately" }],
  // Qualifiers after the number.
  ["5,000 or more", { value: 5000, qualifier: "at least" }],
  ["5,000+ fighters", { value: 5000, qualifier: "at least", unit: "fighters" }],
  ["2,000+", { value: 2000, qualifier: "at least" }],
  ["30-odd fighters", { value: 30, qualifier: "approximately", unit: "fighters" }],
  ["300 or so", { value: 300, qualifier: "approximately" }],
  ["40 or fewer detainees", { value: 40, qualifier: "at most", unit: "detainees" }],
  // Percentages.
  ["80 per cent", { value: 80, qualifier: "exact", unit: "%" }],
  ["80%", { value: 80, qualifier: "exact", unit: "%" }],
  ["12.5 percent of", { value: 12.5, qualifier: "exact", unit: "%" }],
  ["nearly 80 per cent of", { value: 80, qualifier: "approximately", unit: "%" }],
  ["nearly 80 percent", { value: 80, qualifier: "approximately", unit: "%" }],
  ["approximately 50 per cent", { value: 50, qualifier: "approximately", unit: "%" }],
  ["around 40 per cent of the displaced", { value: 40, qualifier: "approximately", unit: "%" }],
  // Ranges.
  ["between 2,500 and 8,500", { low: 2500, high: 8500, qualifier: "range" }],
  ["2,500 and 8,500", { low: 2500, high: 8500, qualifier: "range" }],
  ["between 2,500 and 8,500 ISIS-K fighters", { low: 2500, high: 8500, qualifier: "range", unit: "ISIS-K fighters" }],
  ["2,000-3,000 or more", { low: 2000, high: 3000, qualifier: "at least" }],
  ["2,000–4,000 militants", { low: 2000, high: 4000, qualifier: "range", unit: "militants" }],
  ["between 10 and 15 per cent", { low: 10, high: 15, qualifier: "range", unit: "%" }],
  ["10-15%", { low: 10, high: 15, qualifier: "range", unit: "%" }],
  ["10% to 15%", { low: 10, high: 15, qualifier: "range", unit: "%" }],
  ["from 300 to 500 vehicles", { low: 300, high: 500, qualifier: "range", unit: "vehicles" }],
  ["1.2-1.5 billion", { low: 1_200_000_000, high: 1_500_000_000, qualifier: "range" }],
  ["between one and two million", { low: 1_000_000, high: 2_000_000, qualifier: "range" }],
  ["between 500 and 2 million", { low: 500, high: 2_000_000, qualifier: "range" }],
  ["$2-3 billion", { low: 2_000_000_000, high: 3_000_000_000, qualifier: "range", unit: "$" }],
  ["two or three", { low: 2, high: 3, qualifier: "range" }],
  ["between 200 and 300 people", { low: 200, high: 300, qualifier: "range", unit: "people" }],
  ["between 4,000 and 5,000 civilian deaths", { low: 4000, high: 5000, qualifier: "range", unit: "civilian deaths" }],
  ["15-20", { low: 15, high: 20, qualifier: "range" }],
  ["3–5", { low: 3, high: 5, qualifier: "range" }], // en dash
  ["2 000–3 000 fighters", { low: 2000, high: 3000, qualifier: "range", unit: "fighters" }],
  // A range keeps the qualifier before (or after) it; "range" only when there is none (issue 15).
  ["roughly 2,000-4,000", { low: 2000, high: 4000, qualifier: "approximately" }], // was qualifier "range"
  ["around 2,500 to 3,000", { low: 2500, high: 3000, qualifier: "approximately" }],
  ["some 3,000-4,000", { low: 3000, high: 4000, qualifier: "approximately" }],
  ["some 2,000 to 3,000 ISIS fighters", { low: 2000, high: 3000, qualifier: "approximately", unit: "ISIS fighters" }],
  ["roughly 1,000 to 1,500", { low: 1000, high: 1500, qualifier: "approximately" }],
  ["up to 2,000-3,000 foreign fighters", { low: 2000, high: 3000, qualifier: "up to", unit: "foreign fighters" }],
  ["2,000 to 3,000 or more", { low: 2000, high: 3000, qualifier: "at least" }],
  // Vague magnitudes: a qualifier, no value.
  ["a few hundred", { qualifier: "approximately" }],
  ["a few hundred fighters", { qualifier: "approximately", unit: "fighters" }],
  ["dozens of", { qualifier: "approximately" }],
  ["dozens of civilians", { qualifier: "approximately", unit: "civilians" }],
  ["hundreds of fighters", { qualifier: "approximately", unit: "fighters" }],
  ["tens of thousands of people", { qualifier: "approximately", unit: "people" }],
  ["several thousand troops", { qualifier: "approximately", unit: "troops" }],
  ["more than a few hundred", { qualifier: "more than" }],
  ["tens of thousands", { qualifier: "approximately" }], // no conventional 20,000–90,000
  ["dozens", { qualifier: "approximately" }],
  ["thousands", { qualifier: "approximately" }],
  ["hundreds of thousands of Rohingya", { qualifier: "approximately", unit: "Rohingya" }],
  ["a handful of", { qualifier: "approximately" }],
  // Fractions and ratios are proportions in per cent, unrounded.
  ["almost half", { value: 50, qualifier: "approximately", unit: "%" }],
  ["half of the fighters", { value: 50, qualifier: "exact", unit: "%" }],
  ["more than a quarter", { value: 25, qualifier: "more than", unit: "%" }],
  ["three quarters", { value: 75, qualifier: "exact", unit: "%" }],
  ["nearly a third", { value: 100 / 3, qualifier: "approximately", unit: "%" }],
  ["a third", { value: 100 / 3, qualifier: "exact", unit: "%" }],
  ["one third", { value: 100 / 3, qualifier: "exact", unit: "%" }],
  ["one-third of the population", { value: 100 / 3, qualifier: "exact", unit: "%" }],
  ["two thirds", { value: 200 / 3, qualifier: "exact", unit: "%" }],
  ["two-thirds of the displaced", { value: 200 / 3, qualifier: "exact", unit: "%" }],
  ["a quarter", { value: 25, qualifier: "exact", unit: "%" }],
  ["three-quarters", { value: 75, qualifier: "exact", unit: "%" }],
  ["half", { value: 50, qualifier: "exact", unit: "%" }],
  ["nearly half", { value: 50, qualifier: "approximately", unit: "%" }],
  ["more than half", { value: 50, qualifier: "more than", unit: "%" }],
  ["a fifth", { value: 20, qualifier: "exact", unit: "%" }],
  ["one in five", { value: 20, qualifier: "exact", unit: "%" }],
  ["one in three", { value: 100 / 3, qualifier: "exact", unit: "%" }],
  ["nearly one in four children", { value: 25, qualifier: "approximately", unit: "%" }],
  ["9 out of 10", { value: 90, qualifier: "exact", unit: "%" }],
  ["one in every five children", { value: 20, qualifier: "exact", unit: "%" }],
  ["half a per cent", { value: 0.5, qualifier: "exact", unit: "%" }],
  ["one in a hundred", { value: 1, qualifier: "exact", unit: "%" }],
  ["5 in 2023", { value: 5, qualifier: "exact" }], // a ratio's denominator is at most 100
  ["a third attack killed 12 people", { value: 12, qualifier: "exact", unit: "people" }], // an ordinal, not a fraction
  // The unit heuristic: up to three words, ending at function words and punctuation.
  ["6,000 fighters in Kunar", { value: 6000, qualifier: "exact", unit: "fighters" }],
  ["more than 6,000 fighters, officials said", { value: 6000, qualifier: "more than", unit: "fighters" }],
  ["at least 13 people were killed", { value: 13, qualifier: "at least", unit: "people" }],
  ["killed more than 60 civilians", { value: 60, qualifier: "more than", unit: "civilians" }],
  ["1,300 of fighters", { value: 1300, qualifier: "exact", unit: "fighters" }],
  ["13 of them were children", { value: 13, qualifier: "exact" }],
  // Not figures, or notations the parser refuses rather than misreads.
  ["1.234,5", null],
  ["2,5 million", null],
  ["1.234.567", null],
  ["no figure here", null],
  ["COVID-19 cases", null],
  ["", null],
];

describe("parseFigure", () => {
  it(`the table has at least 50 phrasings (${TABLE.length})`, () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(50);
  });

  it.each(TABLE)("%j", (span, expected) => {
    expect(parseFigure(span)).toEqual(expected);
  });

  // fillFigure drops a reading the schema refuses, so every shape the parser produces must fit it.
  it("every reading fits the figure attribute schema", () => {
    const refused = TABLE.filter(([, expected]) => expected && !ZFigureAttributes.safeParse(expected).success);
    expect(refused).toEqual([]);
  });
});
