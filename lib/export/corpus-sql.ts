import type { ExportFilters } from "./types";

/**
 * The two queries behind an export, over the same document filter and in the same order, so the
 * annotation cursor can be merged into the document cursor without a lookup: documents by
 * (createdAt, id), and each document's annotations by (start, end, id). Ids compare in the "C"
 * collation in both queries; the merge depends on the two orders agreeing exactly.
 */

export const DOCUMENT_ORDER = `d."createdAt", d."id" COLLATE "C"`;
export const ANNOTATION_ORDER = `${DOCUMENT_ORDER}, a."start", a."end", a."id" COLLATE "C"`;

/** Texts up to this many code points come with their document row; longer ones are read alone. */
export const INLINE_TEXT_MAX = 256 * 1024;

/** Positional parameters for one statement. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const lower = (values: string[]) => values.map((v) => v.toLowerCase());

const LIVE = `a."deletedAt" IS NULL`;

function documentConditions(projectId: string, filters: ExportFilters, p: Params): string[] {
  const where = [`d."projectId" = ${p.add(projectId)}`];
  if (filters.documentIds?.length) where.push(`d."id" = ANY(${p.add(filters.documentIds)}::text[])`);
  // The same full-text search as the documents list (lib/documents/list-documents.ts).
  if (filters.q) where.push(`d."searchVector" @@ websearch_to_tsquery('english', ${p.add(filters.q)})`);
  // A document without a workflow row is not_started, so EXISTS (not a join) says "signed off".
  if (filters.signedOff) where.push(`EXISTS (SELECT 1 FROM "DocumentWorkflow" wf WHERE wf."documentId" = d."id" AND wf."state" = 'signed_off')`);
  return where;
}

/**
 * Conditions on `a` (Annotation), `l` (Label) and `u` (User). Tombstones (deleted annotations)
 * are never exported: an export is the corpus as it stands, and has no include=deleted.
 */
function annotationConditions(filters: ExportFilters, p: Params): string[] {
  const where: string[] = [LIVE];
  if (filters.labels?.length) {
    where.push(`(l."id" = ANY(${p.add(filters.labels)}::text[]) OR lower(l."name") = ANY(${p.add(lower(filters.labels))}::text[]))`);
  }
  if (filters.statuses?.length) where.push(`a."status"::text = ANY(${p.add(filters.statuses)}::text[])`);
  if (filters.authors?.length) {
    where.push(`(u."id" = ANY(${p.add(filters.authors)}::text[]) OR u."email" = ANY(${p.add(lower(filters.authors))}::text[]))`);
  }
  return where;
}

const ANNOTATION_JOINS = `JOIN "Label" l ON l."id" = a."labelId" JOIN "User" u ON u."id" = a."authorId"`;

/**
 * Documents that match the document filters. With an annotation filter (labels, statuses,
 * authors) only documents holding at least one matching annotation are exported: a document
 * without, say, accepted annotations is not yet annotated, and would read as a negative example
 * in CoNLL or spaCy training data. Without one, every matching document is exported, annotated
 * or not.
 */
export function documentsQuery(projectId: string, filters: ExportFilters): { text: string; values: unknown[] } {
  const p = new Params();
  const where = documentConditions(projectId, filters, p);
  const annotationWhere = annotationConditions(filters, p);
  if (annotationWhere.length > 1) {
    where.push(`EXISTS (SELECT 1 FROM "Annotation" a ${ANNOTATION_JOINS} WHERE a."documentId" = d."id" AND ${annotationWhere.join(" AND ")})`);
  }
  const inline = p.add(INLINE_TEXT_MAX);
  const text = `
    SELECT d."id", d."title", d."author", d."publisher", to_char(d."publishedOn", 'YYYY-MM-DD') AS "publishedOn",
           d."sourceUrl", to_char(d."retrievedOn", 'YYYY-MM-DD') AS "retrievedOn", d."language", d."direction",
           d."sha256", d."length", CASE WHEN d."length" <= ${inline} THEN d."text" END AS "text",
           d."originalFilename", d."originalMediaType", d."originalSha256", d."originalSize",
           d."createdAt" AT TIME ZONE 'UTC' AS "createdAt",
           COALESCE(w."state"::text, 'not_started') AS "state", s."id" AS "signOffId", s."signerId",
           ${epochMs('s."at"')} AS "signedAt", s."annotationSetHash", s."accepted", s."rejected"
      FROM "Document" d
      LEFT JOIN "DocumentWorkflow" w ON w."documentId" = d."id"
      LEFT JOIN "SignOff" s ON s."id" = w."signOffId" AND w."state" = 'signed_off'
     WHERE ${where.join(" AND ")}
     ORDER BY ${DOCUMENT_ORDER}`;
  return { text, values: p.values };
}

/**
 * The matching annotations of the matching documents, in export order, each with its newest
 * review decision (the order of lib/reviews/list-reviews.ts: at, then version). Label, author and
 * reviewer come as ids (looked up once each, lib/export/stream-corpus.ts) and times as epoch
 * milliseconds: a million rows then carry no repeated text, and parsing a number beats parsing a
 * timestamp. The newest review is a LATERAL probe of AnnotationReview's (annotationId, version)
 * index per row: about as cheap as a hash join when nothing is reviewed, and cheaper than sorting
 * all the project's reviews for one when most annotations are.
 */
export function annotationsQuery(projectId: string, filters: ExportFilters): { text: string; values: unknown[] } {
  const p = new Params();
  const where = [...documentConditions(projectId, filters, p), ...annotationConditions(filters, p)];
  const joins = filters.labels?.length || filters.authors?.length ? ANNOTATION_JOINS : "";
  const text = `
    SELECT a."id", a."documentId", a."start", a."end", a."exact", a."prefix", a."suffix", a."attributes",
           a."status"::text AS "status", a."version", a."labelId", a."authorId",
           ${epochMs('a."createdAt"')} AS "createdAt", ${epochMs('a."updatedAt"')} AS "updatedAt",
           r."decision" AS "reviewDecision", r."reason" AS "reviewReason", r."reviewerId", r."at" AS "reviewedAt", r."version" AS "reviewVersion"
      FROM "Document" d
      JOIN "Annotation" a ON a."documentId" = d."id"
      ${joins}
      LEFT JOIN LATERAL (
        SELECT r."decision"::text AS "decision", r."reason", r."reviewerId", ${epochMs('r."at"')} AS "at", r."version"
          FROM "AnnotationReview" r
         WHERE r."annotationId" = a."id"
         ORDER BY r."at" DESC, r."version" DESC
         LIMIT 1
      ) r ON true
     WHERE ${where.join(" AND ")}
     ORDER BY ${ANNOTATION_ORDER}`;
  return { text, values: p.values };
}

/** A timestamp(3) column (UTC by Prisma's convention) as epoch milliseconds. */
function epochMs(column: string): string {
  return `(extract(epoch FROM ${column} AT TIME ZONE 'UTC') * 1000)::float8`;
}

/** Labels and authors by id, for the annotation rows that name them. */
export const LABELS_QUERY = `SELECT "id", "name", "kind"::text AS "kind", "color", "hotkey", "description" FROM "Label" WHERE "projectId" = $1 OR "id" = ANY($2::text[])`;
export const USERS_QUERY = `SELECT "id", "name", "email" FROM "User" WHERE "id" = ANY($1::text[])`;

/** How many annotations an export will hold (for progress bars); same filters, no order. */
export function countQuery(projectId: string, filters: ExportFilters): { text: string; values: unknown[] } {
  const p = new Params();
  const where = [...documentConditions(projectId, filters, p), ...annotationConditions(filters, p)];
  const text = `
    SELECT count(*)::int AS "count"
      FROM "Document" d JOIN "Annotation" a ON a."documentId" = d."id" ${ANNOTATION_JOINS}
     WHERE ${where.join(" AND ")}`;
  return { text, values: p.values };
}
