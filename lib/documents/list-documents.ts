import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import type { DocumentState } from "@/lib/workflow/states";
import { ZListDocumentsQuery } from "./schemas";
import { SNIPPET_START, SNIPPET_STOP, parseSnippet, type Snippet } from "./snippet";

type Sort = NonNullable<ReturnType<typeof ZListDocumentsQuery.parse>["sort"]>;

const ANNOTATION_COUNT = Prisma.sql`(SELECT count(*)::int FROM "Annotation" a WHERE a."documentId" = d."id" AND a."deletedAt" IS NULL)`;

/**
 * Sort keys as SQL expressions. Nullable columns are coalesced so that keyset pagination can
 * compare tuples; the sentinels sort missing values first in ascending order.
 */
function sortExpression(sort: Sort, query: Prisma.Sql | null): Prisma.Sql {
  switch (sort) {
    case "title":
      return Prisma.sql`lower(d."title")`;
    case "publisher":
      return Prisma.sql`lower(coalesce(d."publisher", ''))`;
    case "publishedOn":
      return Prisma.sql`coalesce(d."publishedOn", DATE '0001-01-01')`;
    case "length":
      return Prisma.sql`d."length"`;
    case "annotationCount":
      return ANNOTATION_COUNT;
    case "relevance":
      return query ? Prisma.sql`ts_rank(d."searchVector", ${query})` : Prisma.sql`d."createdAt"`;
    case "createdAt":
      return Prisma.sql`d."createdAt"`;
  }
}

type CursorValue = string | number;

function encodeCursor(value: unknown, id: string): string {
  const v = value instanceof Date ? value.toISOString() : (value as CursorValue);
  return Buffer.from(JSON.stringify([v, id])).toString("base64url");
}

function decodeCursor(cursor: string, sort: Sort): { value: Prisma.Sql; id: string } {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [CursorValue, string];
    if (typeof id !== "string") throw new Error("bad id");
    if (sort === "createdAt" || (sort === "relevance" && typeof value === "string")) {
      return { value: Prisma.sql`${String(value)}::timestamp`, id };
    }
    if (sort === "publishedOn") return { value: Prisma.sql`${String(value).slice(0, 10)}::date`, id };
    if (sort === "length" || sort === "annotationCount") return { value: Prisma.sql`${Number(value)}::int`, id };
    if (sort === "relevance") return { value: Prisma.sql`${Number(value)}::real`, id };
    return { value: Prisma.sql`${String(value)}`, id };
  } catch {
    throw new AppError("bad_request", "Invalid cursor: pass back the nextCursor of the previous page");
  }
}

/** The columns of a document that lists and presenters show (everything but text and JSON). */
export interface DocumentFields {
  id: string;
  title: string;
  author: string | null;
  publisher: string | null;
  publishedOn: Date | null;
  sourceUrl: string | null;
  retrievedOn: Date | null;
  language: string | null;
  direction: string | null;
  sha256: string;
  length: number;
  originalFilename: string | null;
  originalMediaType: string | null;
  originalSize: number | null;
  createdAt: Date;
  updatedAt: Date;
}

interface Person {
  id: string;
  name: string;
}

/** Where a document stands in the review workflow, and who is assigned to it. */
export interface DocumentWorkflowSummary {
  state: DocumentState;
  reviewer: Person | null;
  annotators: Person[];
}

export interface DocumentRow extends DocumentFields {
  annotationCount: number;
  snippet: Snippet | null;
  workflow: DocumentWorkflowSummary;
}

type Params = ReturnType<typeof ZListDocumentsQuery.parse>;

/** The filters on the document itself and on its annotations (`status`, `label`, `author` combine). */
function filters(params: Params): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (params.publisher) where.push(Prisma.sql`d."publisher" = ${params.publisher}`);
  if (params.language) where.push(Prisma.sql`d."language" = ${params.language}`);
  // A document gets its workflow row on its first transition or assignment; before that it is not started.
  if (params.state) where.push(Prisma.sql`coalesce(w."state"::text, 'not_started') = ${params.state}`);
  const annotation: Prisma.Sql[] = [];
  if (params.status) annotation.push(Prisma.sql`a."status"::text = ${params.status}`);
  if (params.label) annotation.push(Prisma.sql`a."labelId" = ${params.label}`);
  if (params.author) annotation.push(Prisma.sql`a."authorId" = ${params.author}`);
  if (annotation.length > 0) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "Annotation" a
      WHERE a."documentId" = d."id" AND a."deletedAt" IS NULL AND ${Prisma.join(annotation, " AND ")})`);
  }
  return where;
}

/** The assignees of a page of documents, for the whole page at once rather than row by row. */
async function assignees(ids: string[]): Promise<Map<string, Omit<DocumentWorkflowSummary, "state">>> {
  if (ids.length === 0) return new Map();
  const rows = await db().documentWorkflow.findMany({
    where: { documentId: { in: ids } },
    select: {
      documentId: true,
      reviewer: { select: { id: true, name: true } },
      annotators: { select: { user: { select: { id: true, name: true } } } },
    },
  });
  const byName = (a: Person, b: Person) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  return new Map(
    rows.map((row) => [row.documentId, { reviewer: row.reviewer, annotators: row.annotators.map((a) => a.user).sort(byName) }]),
  );
}

/**
 * A page of a project's documents: full-text search (`q`, web-search syntax), filters (metadata,
 * workflow state, and annotations by status, label and author), any sort with keyset pagination
 * (stable and fast at any depth), newest first by default, or by relevance when searching. Each
 * row carries its workflow state and assignees.
 */
export async function listDocuments({ projectId, query }: { projectId: string; query: unknown }): Promise<{ documents: DocumentRow[]; nextCursor: string | null }> {
  const params = ZListDocumentsQuery.parse(query);
  const tsQuery = params.q ? Prisma.sql`websearch_to_tsquery('english', ${params.q})` : null;
  const sort: Sort = params.sort ?? (tsQuery ? "relevance" : "createdAt");
  const order = params.order ?? (["createdAt", "relevance", "annotationCount", "length", "publishedOn"].includes(sort) ? "desc" : "asc");
  const key = sortExpression(sort, tsQuery);
  const dir = Prisma.raw(order === "asc" ? "ASC" : "DESC");
  const cmp = Prisma.raw(order === "asc" ? ">" : "<");

  const where: Prisma.Sql[] = [Prisma.sql`d."projectId" = ${projectId}`, ...filters(params)];
  if (tsQuery) where.push(Prisma.sql`d."searchVector" @@ ${tsQuery}`);
  if (params.cursor) {
    const cursor = decodeCursor(params.cursor, sort);
    where.push(Prisma.sql`(${key}, d."id") ${cmp} (${cursor.value}, ${cursor.id})`);
  }
  const snippet = tsQuery
    ? Prisma.sql`ts_headline('english', left(d."text", 100000), ${tsQuery}, ${`MaxWords=30, MinWords=12, MaxFragments=1, StartSel=${SNIPPET_START}, StopSel=${SNIPPET_STOP}`})`
    : Prisma.sql`NULL`;

  const rows = await db().$queryRaw<(Omit<DocumentRow, "snippet" | "workflow"> & { snippet: string | null; sortKey: unknown; state: DocumentState })[]>`
    SELECT d."id", d."title", d."author", d."publisher", d."publishedOn", d."sourceUrl", d."retrievedOn",
           d."language", d."direction", d."sha256", d."length", d."originalFilename", d."originalMediaType",
           d."originalSize", d."createdAt", d."updatedAt", ${ANNOTATION_COUNT} AS "annotationCount",
           ${key} AS "sortKey", ${snippet} AS "snippet", coalesce(w."state"::text, 'not_started') AS "state"
      FROM "Document" d
      LEFT JOIN "DocumentWorkflow" w ON w."documentId" = d."id"
     WHERE ${Prisma.join(where, " AND ")}
     ORDER BY ${key} ${dir}, d."id" ${dir}
     LIMIT ${params.limit + 1}`;

  const page = rows.slice(0, params.limit);
  const last = page[page.length - 1];
  const people = await assignees(page.map((row) => row.id));
  return {
    documents: page.map(({ sortKey: _sortKey, snippet, state, ...row }): DocumentRow => ({
      ...row,
      snippet: snippet === null ? null : parseSnippet(snippet),
      workflow: { state, ...(people.get(row.id) ?? { reviewer: null, annotators: [] }) },
    })),
    nextCursor: rows.length > params.limit && last ? encodeCursor(last.sortKey, last.id) : null,
  };
}
