import { TextChunks, utf8 } from "./chunks";
import { bufferedDocuments } from "./events";
import { ManifestCollector } from "./manifest";
import { slug } from "./names";
import type { ExportAnnotation, ExportContext, ExportEvent, ExportWriter } from "./types";
import { FORMULA_GUARD_NOTE, guardFormula } from "./formula-guard";
import { apiBase } from "./w3c";
import { ZipStream } from "./zip-stream";

/**
 * CSV for analysts: one row per figure or claim annotation (entity and project-defined labels
 * are not rows; they are counted in the manifest). A CSV file has no place for the export facts,
 * so the download is a zip of `annotations.csv` and `manifest.json`, written last.
 *
 * RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break, quotes
 * doubled. UTF-8 with a byte-order mark so spreadsheet programs read Arabic script and emoji
 * (Python: encoding="utf-8-sig"; pandas strips it by itself). Text cells that a spreadsheet would
 * run as a formula get a leading apostrophe (the rule is in ./formula-guard.ts); numeric cells
 * (offsets, figure values, credibility) are written as numbers and never altered.
 *
 * `link` is the annotation's API IRI — the same as its W3C id — which returns its current span
 * and quote.
 */

export const CSV_COLUMNS = [
  "document_title", "document_id", "annotation_id", "label", "kind", "quote", "start", "end",
  "figure_value", "figure_low", "figure_high", "figure_qualifier", "figure_unit", "figure_as_of", "figure_parsed",
  "claim_source", "claim_source_annotation_id", "claim_reporting", "claim_reliability", "claim_credibility", "claim_note",
  "status", "author", "created", "modified", "link",
  // Issue 14, appended so existing columns keep their places: the newest review decision.
  "review_decision", "review_reason",
] as const;

type Column = (typeof CSV_COLUMNS)[number];
type Cell = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  const text = guardFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(row: Partial<Record<Column, Cell>>): string {
  return `${CSV_COLUMNS.map((column) => csvCell(row[column])).join(",")}\r\n`;
}

const asCell = (v: unknown): Cell => (typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : undefined);

function row(a: ExportAnnotation, title: string, entities: Map<string, ExportAnnotation>, base: string): string {
  const at = a.attributes;
  const source = (at.source ?? {}) as { text?: unknown; annotationId?: unknown };
  const sourceId = typeof source.annotationId === "string" ? source.annotationId : undefined;
  const figure = a.label.kind === "figure";
  const claim = a.label.kind === "claim";
  return csvLine({
    document_title: title,
    document_id: a.documentId,
    annotation_id: a.id,
    label: a.label.name,
    kind: a.label.kind,
    quote: a.exact,
    start: a.start,
    end: a.end,
    ...(figure && {
      figure_value: asCell(at.value),
      figure_low: asCell(at.low),
      figure_high: asCell(at.high),
      figure_qualifier: asCell(at.qualifier),
      figure_unit: asCell(at.unit),
      figure_as_of: asCell(at.asOf),
      figure_parsed: asCell(at.parsed),
    }),
    ...(claim && {
      claim_source: asCell(source.text) ?? (sourceId ? entities.get(sourceId)?.exact : undefined),
      claim_source_annotation_id: sourceId,
      claim_reporting: asCell(at.reporting),
      claim_reliability: asCell(at.reliability),
      claim_credibility: asCell(at.credibility),
      claim_note: asCell(at.note),
    }),
    status: a.status,
    author: a.author.name,
    created: a.createdAt.toISOString(),
    modified: a.updatedAt.toISOString(),
    link: `${base}/annotations/${encodeURIComponent(a.id)}`,
    review_decision: a.review?.decision,
    review_reason: a.review?.reason,
  });
}

async function* writeCsv(events: AsyncIterable<ExportEvent>, context: ExportContext): AsyncGenerator<Uint8Array> {
  const base = apiBase(context);
  const folder = slug(context.project.name) || `project-${context.project.id.replace(/[^A-Za-z0-9_-]+/g, "_")}`;
  const manifest = new ManifestCollector("csv", context);
  const zip = new ZipStream(context.now());
  const csv = zip.entry(`${folder}/annotations.csv`);
  const out = new TextChunks();
  out.write(`\uFEFF${CSV_COLUMNS.join(",")}\r\n`);
  let rows = 0;
  // A claim's source entity may come later in the document, so a document is read whole first.
  for await (const { scope, annotations } of bufferedDocuments(events)) {
    const entities = new Map(annotations.filter((a) => a.label.kind === "entity").map((a) => [a.id, a]));
    let documentRows = 0;
    for (const a of annotations) {
      if (a.label.kind !== "figure" && a.label.kind !== "claim") continue;
      documentRows++;
      const chunk = out.write(row(a, scope.document.title, entities, base));
      if (chunk) yield* csv.write(chunk);
    }
    rows += documentRows;
    manifest.addDocument(scope.document, annotations.length, { rows: documentRows });
  }
  const rest = out.flush();
  if (rest) yield* csv.write(rest);
  yield* csv.end();
  const details = {
    file: "annotations.csv",
    rows: "one per figure or claim annotation; other labels are counted, not listed",
    columns: CSV_COLUMNS,
    encoding: "UTF-8 with a byte-order mark; RFC 4180 (CRLF, double-quoted fields)",
    formulaGuard: FORMULA_GUARD_NOTE,
    link: `${base}/annotations/{annotationId}`,
    review: "review_decision (accept or reject) and review_reason: the annotation's newest review decision; empty when never reviewed",
    claimSource: "free text, or the quote of the entity annotation named as source (its id in claim_source_annotation_id)",
  };
  const complete = manifest.complete({ rows }, details);
  yield* zip.file(`${folder}/manifest.json`, utf8(`${JSON.stringify(complete, null, 2)}\n`));
  yield* zip.end();
}

export const csvWriter: ExportWriter = {
  format: "csv",
  mediaType: "application/zip",
  extension: "zip",
  write: writeCsv,
};
