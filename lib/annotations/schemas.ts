import { z } from "zod";
import { ZAnnotationStatus } from "./shape";

/**
 * Offsets are checked for type here (400) and for range against the text later (422), so
 * "1.5" or -1 get the clear span message rather than a schema error.
 */
const ZOffset = (what: string) => z.number().describe(`${what}: a Unicode code point offset, half-open [start, end)`);

const ZLabelRef = z.string().trim().min(1, "Name a label (its name or id)").max(200).describe("label name or id (of the document's project)");

const ZVersion = z
  .number({ error: (issue) => (issue.input === undefined ? "version is required: send the version you last saw" : undefined) })
  .int()
  .min(1)
  .describe("the annotation's version as you last saw it; a stale one answers 409 with the current annotation");

export const ZCreateAnnotation = z.strictObject({
  id: z
    .uuid("id must be a UUID (or be left out)")
    .transform((id) => id.toLowerCase())
    .optional()
    .describe("optional, client-chosen UUID: repeating the same request with it answers 200 with the stored annotation and writes nothing; the same id with other content is 409"),
  label: ZLabelRef,
  start: ZOffset("start"),
  end: ZOffset("end"),
  exact: z.string().optional().describe("the quoted text; must equal the code-point slice [start, end); taken from the text when omitted"),
  attributes: z.record(z.string(), z.unknown()).optional().describe("validated per label kind"),
});

export const ZUpdateAnnotation = z.strictObject({
  version: ZVersion,
  label: ZLabelRef.optional(),
  start: ZOffset("start").optional(),
  end: ZOffset("end").optional(),
  exact: z.string().optional(),
  attributes: z.record(z.string(), z.unknown()).optional().describe("replaces the attributes as a whole"),
  status: ZAnnotationStatus.optional().describe("owners and reviewers only; accepted or rejected is a review decision (see POST …/review)"),
  reason: z.string().max(2000).optional().describe("with status rejected (required) or accepted: the review's reason"),
});

/** POST /api/v1/annotations/{id}/review: a decision, optionally with corrected fields (accept only). */
export const ZReviewAnnotation = z.strictObject({
  decision: z.enum(["accept", "reject"], { error: 'decision must be "accept" or "reject"' }),
  reason: z.string().max(2000).optional().describe("required to reject"),
  version: ZVersion,
  label: ZLabelRef.optional(),
  start: ZOffset("start").optional(),
  end: ZOffset("end").optional(),
  exact: z.string().optional(),
  attributes: z.record(z.string(), z.unknown()).optional().describe("replaces the attributes as a whole (a correction)"),
});

export type UpdateAnnotationInput = z.infer<typeof ZUpdateAnnotation>;

export const ZDeleteAnnotation = z.object({
  version: z.coerce
    .number({ error: "version is required: send ?version=N (or { version } in the body) with the version you last saw" })
    .int()
    .min(1),
});

export const ZRestoreAnnotation = z.strictObject({ version: ZVersion });

/** `?include=deleted` shows tombstones too (lists, one annotation by id). */
export const ZIncludeDeleted = z.object({
  include: z.enum(["deleted"], { error: "include must be \"deleted\" (or be left out)" }).optional().describe("deleted: tombstones too"),
});

/** An empty filter (`?label=`) means no filter, as a cleared select in a form sends it. */
const blankIsAbsent = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

export const ZListAnnotationsQuery = z.object({
  label: blankIsAbsent(z.string().trim().max(200)).describe("label name (any case) or id"),
  author: blankIsAbsent(z.string().trim().max(320)).describe("author's user id or email"),
  status: blankIsAbsent(ZAnnotationStatus),
  include: blankIsAbsent(z.enum(["deleted"], { error: "include must be \"deleted\" (or be left out)" })).describe("deleted: tombstones too"),
});
