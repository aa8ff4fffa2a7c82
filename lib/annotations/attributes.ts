import { z } from "zod";
import type { LabelKind } from "@/lib/db/generated/enums";
import { parseFigure } from "@/lib/text/figures";
import {
  ENTITY_TYPES,
  FIGURE_QUALIFIERS,
  INFORMATION_CREDIBILITY,
  REPORTING_MODES,
  SOURCE_RELIABILITY,
} from "./attribute-values";

/** Attribute schemas per label kind (ARCHITECTURE.md, "Attributes by kind"); stored as JSON. */

export { ENTITY_TYPES, FIGURE_QUALIFIERS, INFORMATION_CREDIBILITY, REPORTING_MODES, SOURCE_RELIABILITY };

export const ZFigureAttributes = z
  .strictObject({
    value: z.number().optional(),
    low: z.number().optional(),
    high: z.number().optional(),
    qualifier: z.enum(FIGURE_QUALIFIERS).optional(),
    unit: z.string().trim().min(1).max(100).optional(),
    asOf: z.iso.date({ message: "Use a date like 2024-05-31" }).optional(),
    /** true while value/low/high/qualifier/unit are the parser's reading of the span. */
    parsed: z.boolean().optional(),
  })
  .superRefine((figure, ctx) => {
    if (figure.low !== undefined && figure.high !== undefined && figure.low > figure.high) {
      ctx.addIssue({ code: "custom", path: ["high"], message: `high (${figure.high}) must not be below low (${figure.low})` });
    }
    if (figure.qualifier === "range" && (figure.low === undefined || figure.high === undefined)) {
      ctx.addIssue({ code: "custom", path: ["qualifier"], message: "A range needs both low and high" });
    }
  });

export const ZEntityAttributes = z.strictObject({
  type: z.enum(ENTITY_TYPES).optional(),
  canonicalName: z.string().trim().min(1).max(500).optional(),
  entityId: z.string().trim().min(1).max(200).optional().describe("the canonical entity (of the same project) this mention names"),
});

export const ZClaimSource = z.union([
  z.strictObject({ annotationId: z.string().min(1).describe("an annotation of an entity label in the same document") }),
  z.strictObject({ text: z.string().trim().min(1).max(1000).describe("who makes the claim, as free text") }),
]);

export const ZClaimAttributes = z.strictObject({
  source: ZClaimSource.optional(),
  reporting: z.enum(REPORTING_MODES).optional(),
  reliability: z.enum(SOURCE_RELIABILITY).optional(),
  credibility: z.number().int().min(1).max(INFORMATION_CREDIBILITY.length).optional(),
  note: z.string().max(5000).optional(),
});

/** Project-defined labels: a flat record of scalars. */
export const ZOtherAttributes = z
  .record(z.string().min(1).max(100), z.union([z.string().max(5000), z.number(), z.boolean()]))
  .refine((record) => Object.keys(record).length <= 100, { message: "At most 100 attributes" });

export const ATTRIBUTE_SCHEMAS = {
  figure: ZFigureAttributes,
  entity: ZEntityAttributes,
  claim: ZClaimAttributes,
  other: ZOtherAttributes,
} as const satisfies Record<LabelKind, z.ZodType>;

export type FigureAttributes = z.infer<typeof ZFigureAttributes>;
export type ClaimAttributes = z.infer<typeof ZClaimAttributes>;
export type Attributes = Record<string, unknown>;

/** Validates attributes for a label kind; issues are reported under `attributes.…` (400). */
export function parseAttributes(kind: LabelKind, input: unknown): Attributes {
  const result = ATTRIBUTE_SCHEMAS[kind].safeParse(input);
  if (result.success) return result.data as Attributes;
  throw new z.ZodError(result.error.issues.map((issue) => ({ ...issue, path: ["attributes", ...issue.path] })));
}

const PARSER_FIELDS = ["value", "low", "high", "qualifier", "unit"] as const;

/** True when a figure carries no number of its own, so the span's text should supply one. */
export function lacksFigure(attributes: Attributes): boolean {
  return attributes.value === undefined && attributes.low === undefined && attributes.high === undefined;
}

/**
 * Fills a figure's value/low/high (and qualifier/unit where not given) from its span text and
 * marks it `parsed`; a vague magnitude ("a few hundred fighters") gives qualifier and unit only.
 * What the analyst sent wins over the parser; a reading that does not fit the schema (a parser
 * gap) is ignored rather than blamed on the request.
 */
export function fillFigure(attributes: Attributes, exact: string): Attributes {
  const reading = parseFigure(exact);
  if (!reading) return attributes;
  const picked: Attributes = {};
  for (const key of PARSER_FIELDS) if (reading[key] !== undefined && reading[key] !== null) picked[key] = reading[key];
  const checked = ZFigureAttributes.safeParse(picked);
  if (!checked.success) return attributes;
  return { ...checked.data, ...attributes, parsed: true };
}

/** A parsed figure whose span moved: drop the old reading, keep what the analyst added (asOf …). */
export function refillFigure(attributes: Attributes, exact: string): Attributes {
  const kept = Object.fromEntries(
    Object.entries(attributes).filter(([key]) => key !== "parsed" && !(PARSER_FIELDS as readonly string[]).includes(key)),
  );
  return fillFigure(kept, exact);
}
