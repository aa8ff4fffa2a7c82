import { z } from "zod";
import { ANNOTATION_STATUSES } from "@/lib/annotations/shape";
import { EXPORT_FORMATS, MAX_EXPORT_DOCUMENTS, type ExportFilters, type ExportFormat } from "./types";

/**
 * The export request as the API (query string) and the CLI (flags) spell it. Lists are comma
 * separated and may also repeat (`labels=Claim&labels=Figure`); an empty value means no filter.
 * `documentIds` and `statuses` are accepted as aliases of `documents` and `status` (the W3C
 * collection's IRI uses them).
 */

const split = (value: string | undefined) => (value ?? "").split(",").map((v) => v.trim()).filter(Boolean);
const distinct = <T>(values: T[]) => (values.length ? [...new Set(values)] : undefined);

const commaList = (max: number) =>
  z.string().optional().transform(split).pipe(z.array(z.string().max(max)).max(1000, "At most 1000 values")).transform(distinct);

export const ZExportQuery = z.object({
  format: z.enum(EXPORT_FORMATS, { error: `format must be one of ${EXPORT_FORMATS.join(", ")}` }).describe("jsonl | w3c | brat (zip) | conll | spacy | csv (zip)"),
  documents: commaList(MAX_EXPORT_DOCUMENTS).describe("document ids, comma separated (alias: documentIds)"),
  q: z
    .string()
    .trim()
    .max(500)
    .optional()
    .transform((q) => q || undefined)
    .describe("full-text search over title and text, as on the documents list"),
  labels: commaList(200).describe("label names (any case) or ids, comma separated"),
  status: z
    .string()
    .optional()
    .transform(split)
    .pipe(z.array(z.enum(ANNOTATION_STATUSES, { error: `status must be ${ANNOTATION_STATUSES.join(", ")}` })))
    .transform(distinct)
    .describe(
    "pending, accepted, rejected; comma separated (alias: statuses)",
  ),
  authors: commaList(320).describe("annotators' user ids or emails, comma separated"),
  signedOff: z
    .enum(["true", "false"], { error: "signedOff must be true or false" })
    .optional()
    .describe("true: only documents whose review workflow state is signed_off; false or absent: no filter"),
});

/** Repeated parameters and aliases joined into one comma-separated value. */
function gather(params: URLSearchParams): Record<string, string | undefined> {
  const joined = (...names: string[]) => {
    const values = names.flatMap((name) => params.getAll(name));
    return values.length ? values.join(",") : undefined;
  };
  return {
    format: params.get("format") ?? undefined,
    documents: joined("documents", "documentIds"),
    q: params.get("q") ?? undefined,
    labels: joined("labels"),
    status: joined("status", "statuses"),
    authors: joined("authors"),
    // An empty value is no filter, as for the lists.
    signedOff: params.get("signedOff") || undefined,
  };
}

export function exportFilters(values: z.infer<typeof ZExportQuery>): ExportFilters {
  const filters: ExportFilters = {};
  if (values.documents) filters.documentIds = values.documents;
  if (values.q) filters.q = values.q;
  if (values.labels) filters.labels = values.labels;
  if (values.status) filters.statuses = values.status;
  if (values.authors) filters.authors = values.authors;
  if (values.signedOff === "true") filters.signedOff = true;
  return filters;
}

export function parseExportQuery(params: URLSearchParams): { format: ExportFormat; filters: ExportFilters } {
  const values = ZExportQuery.parse(gather(params));
  return { format: values.format, filters: exportFilters(values) };
}
