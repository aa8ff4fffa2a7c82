import { z } from "zod";
import { ANNOTATION_STATUSES } from "@/lib/annotations/attribute-values";
import { DOCUMENT_STATES } from "@/lib/workflow/states";

const ZOptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === "" ? null : value))
    .nullable();

/** A calendar date as YYYY-MM-DD (published / retrieved); empty clears it. */
const ZDate = z
  .string()
  .trim()
  .refine((value) => value === "" || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))), {
    message: "Use a date like 2024-05-31",
  })
  .transform((value) => (value === "" ? null : value))
  .nullable();

export const ZDirection = z.enum(["ltr", "rtl", "auto"]);

/** Editable source metadata. Every key is optional; null or "" clears a field. */
export const ZDocumentMetadata = z
  .object({
    title: z.string().trim().min(1, "A document needs a title").max(500),
    author: ZOptionalText(500),
    publisher: ZOptionalText(500),
    publishedOn: ZDate,
    sourceUrl: z
      .string()
      .trim()
      .max(2000)
      .refine((value) => value === "" || /^https?:\/\/\S+$/i.test(value), { message: "Use an http(s) URL" })
      .transform((value) => (value === "" ? null : value))
      .nullable(),
    retrievedOn: ZDate,
    language: z
      .string()
      .trim()
      .max(35)
      .refine((value) => value === "" || /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value), {
        message: "Use a language tag like en, ar, ps or fa-AF",
      })
      .transform((value) => (value === "" ? null : value))
      .nullable(),
    direction: ZDirection.nullable(),
  })
  .partial()
  .strict();

export type DocumentMetadata = z.infer<typeof ZDocumentMetadata>;

export const ZUpdateDocument = ZDocumentMetadata.refine((value) => Object.keys(value).length > 0, {
  message: "Nothing to change: send at least one metadata field",
});

export const ZPasteDocument = z.object({
  title: z.string().trim().min(1, "A document needs a title").max(500),
  text: z.string(),
  metadata: ZDocumentMetadata.omit({ title: true }).optional(),
});

const ZId = z.string().trim().min(1).max(200);

export const DOCUMENT_SORTS = ["createdAt", "title", "publisher", "publishedOn", "length", "annotationCount", "relevance"] as const;

export const ZListDocumentsQuery = z.object({
  q: z.string().trim().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).optional(),
  sort: z.enum(DOCUMENT_SORTS).optional(),
  order: z.enum(["asc", "desc"]).optional(),
  publisher: z.string().trim().max(500).optional(),
  language: z.string().trim().max(35).optional(),
  state: z.enum(DOCUMENT_STATES).optional().describe("the document's workflow state (no workflow yet: not_started)"),
  // The annotation filters combine: a document qualifies through one live annotation matching them all.
  status: z.enum(ANNOTATION_STATUSES).optional().describe("documents with a live annotation of this review status"),
  label: ZId.optional().describe("documents with a live annotation of this label (label id)"),
  author: ZId.optional().describe("documents with a live annotation by this user (user id)"),
});
