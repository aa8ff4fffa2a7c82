import { db } from "@/lib/db/client";
import { CodePointIndex } from "@/lib/text/code-points";
import { linkedIds } from "./entity-links";

/** Code points of context on each side of a mention (keyword in context). */
const CONTEXT = 60;

export interface Mention {
  annotationId: string;
  start: number;
  end: number;
  exact: string;
  before: string;
  after: string;
  status: string;
  label: string;
}

export interface MentionsByDocument {
  /** `length` in code points: the context after a mention is cut there, or 60 code points on. */
  document: { id: string; title: string; length: number };
  mentions: Mention[];
}

/**
 * Every live annotation linking to the entity (or to one merged into it), grouped by document in
 * upload order, each with up to 60 code points of context on each side, cut from the stored text.
 */
export async function entityMentions({ entityId }: { entityId: string }): Promise<MentionsByDocument[]> {
  const ids = await linkedIds(entityId);
  const rows = await db().$queryRaw<(Omit<Mention, "before" | "after"> & { documentId: string; title: string })[]>`
    SELECT a."id" AS "annotationId", a."start", a."end", a."exact", a."status"::text AS "status", l."name" AS "label",
           d."id" AS "documentId", d."title"
      FROM "Annotation" a JOIN "Document" d ON d."id" = a."documentId" JOIN "Label" l ON l."id" = a."labelId"
     WHERE a."deletedAt" IS NULL AND a."attributes"->>'entityId' = ANY(${ids}::text[])
     ORDER BY d."createdAt", d."id", a."start", a."end", a."id"`;
  // Each text once, indexed: slicing by code points is then cheap however many mentions it has.
  const texts = await db().document.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.documentId))] } }, select: { id: true, text: true } });
  const index = new Map(texts.map((t) => [t.id, new CodePointIndex(t.text)]));
  const out: MentionsByDocument[] = [];
  for (const row of rows) {
    const text = index.get(row.documentId)!;
    let group = out.at(-1);
    if (!group || group.document.id !== row.documentId) {
      out.push((group = { document: { id: row.documentId, title: row.title, length: text.length }, mentions: [] }));
    }
    group.mentions.push({
      annotationId: row.annotationId,
      start: row.start,
      end: row.end,
      exact: row.exact,
      before: text.slice(Math.max(0, row.start - CONTEXT), row.start),
      after: text.slice(row.end, Math.min(text.length, row.end + CONTEXT)),
      status: row.status,
      label: row.label,
    });
  }
  return out;
}
