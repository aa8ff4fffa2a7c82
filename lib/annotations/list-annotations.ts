import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { AnnotationRow } from "./annotation-row";
import type { AnnotationStatus, LabelKind } from "./shape";
import { ZListAnnotationsQuery } from "./schemas";

type FlatRow = Omit<AnnotationRow, "label" | "author"> & {
  labelId: string;
  labelName: string;
  labelKind: LabelKind;
  labelColor: string;
  labelHotkey: string | null;
  authorId: string;
  authorName: string;
  authorEmail: string;
};

/**
 * Every annotation of a document, ordered by start, end, id, with label and author joined in the
 * same single query: a reader with 10,000 highlights needs them all at once, and a per-row
 * lookup would be 10,000 round trips. Filters: `label` (name in any case, or id), `author` (id or email),
 * `status`; tombstones only with `include=deleted`. Call after gateDocument.
 */
export async function listAnnotations({ documentId, query = {} }: { documentId: string; query?: unknown }): Promise<AnnotationRow[]> {
  const filters = ZListAnnotationsQuery.parse(query);
  const where: Prisma.Sql[] = [Prisma.sql`a."documentId" = ${documentId}`];
  if (filters.label) where.push(Prisma.sql`(l."id" = ${filters.label} OR lower(l."name") = lower(${filters.label}))`);
  if (filters.author) where.push(Prisma.sql`(u."id" = ${filters.author} OR u."email" = ${filters.author.toLowerCase()})`);
  if (filters.status) where.push(Prisma.sql`a."status" = ${filters.status}::"AnnotationStatus"`);
  if (filters.include !== "deleted") where.push(Prisma.sql`a."deletedAt" IS NULL`);

  const rows = await db().$queryRaw<FlatRow[]>`
    SELECT a."id", a."documentId", a."start", a."end", a."exact", a."prefix", a."suffix", a."attributes",
           a."status"::text AS "status", a."version", a."createdAt", a."updatedAt",
           a."deletedAt", a."deletedById",
           l."id" AS "labelId", l."name" AS "labelName", l."kind"::text AS "labelKind", l."color" AS "labelColor",
           l."hotkey" AS "labelHotkey", u."id" AS "authorId", u."name" AS "authorName", u."email" AS "authorEmail"
      FROM "Annotation" a
      JOIN "Label" l ON l."id" = a."labelId"
      JOIN "User" u ON u."id" = a."authorId"
     WHERE ${Prisma.join(where, " AND ")}
     ORDER BY a."start", a."end", a."id" COLLATE "C"`;

  return rows.map(({ labelId, labelName, labelKind, labelColor, labelHotkey, authorId, authorName, authorEmail, ...row }) => ({
    ...row,
    status: row.status as AnnotationStatus,
    label: { id: labelId, name: labelName, kind: labelKind, color: labelColor, hotkey: labelHotkey },
    author: { id: authorId, name: authorName, email: authorEmail },
  }));
}
