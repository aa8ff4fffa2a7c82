import { randomUUID } from "node:crypto";
import { auditedTransaction, type Audit, type AuditedTransactionOptions } from "@/lib/audit/audited-transaction";
import { ZAuditEvent, type AuditInput } from "@/lib/audit/events";
import { Prisma, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ANNOTATION_INCLUDE, annotationSnapshot, type AnnotationRow } from "./annotation-row";
import type { AnnotationStatus } from "./shape";
import { emit, type AnnotationChange, type AnnotationOp, type WriteScope } from "./annotation-changes";
import { staleVersion } from "./stale-version";
import { followAnnotationChanges } from "@/lib/workflow/follow-annotation-changes";
import type { ReviewDecision } from "@/lib/workflow/states";

/**
 * The one module that writes the Annotation table (issue 12; test/integration/one-write-path.test.ts
 * fails if anything else does). Every row change — create, update, delete (a tombstone), restore,
 * a label's deletion moving its annotations, an import — goes through a writer opened by
 * writeAnnotations(): it locks the row, checks the version, stores one immutable revision per
 * changed annotation (AnnotationRevision, keyed by annotation id and version), records the audit
 * event in the same transaction, and after commit hands the changes to the onAnnotationsChanged
 * listeners. Callers still check spans against the text (quoteSpan) and attributes against the
 * label before they hand the row over.
 */

export { onAnnotationsChanged, type AnnotationChange, type AnnotationOp } from "./annotation-changes";

/** The stored fields an update sets (all of them, as computed by the caller). */
export type AnnotationFields = Pick<AnnotationRow, "start" | "end" | "exact" | "prefix" | "suffix" | "status"> & {
  labelId: string;
  attributes: Record<string, unknown>;
};

/** A new annotation as the writer stores it; `id` is the client's or the import's, else generated. */
export type NewAnnotation = Omit<AnnotationFields, "labelId" | "status"> & {
  id?: string;
  documentId: string;
  label: Pick<AnnotationRow["label"], "id" | "name" | "kind">;
  status?: AnnotationStatus;
};

type UpdatedData = Extract<AuditInput, { action: "annotation.updated" }>["data"];

/** A review decision made with an update (issue 14): stored in AnnotationReview and in the audit event. */
export interface ReviewInput {
  decision: ReviewDecision;
  reason: string | null;
  /** Correct-and-accept: the changed fields as they were. */
  correctedFrom: Record<string, unknown> | null;
}

interface RevisionRow extends AnnotationFields {
  id: string;
  documentId: string;
  version: number;
  deletedAt: Date | null;
}

/** What a create's INSERT … RETURNING gives back: what the database set (defaults) or normalised (jsonb key order). */
const INSERTED = { id: true, version: true, status: true, attributes: true, createdAt: true, updatedAt: true } as const;

export interface AnnotationWriter {
  tx: Tx;
  audit: Audit;
  /** Locks the row and reads it; 404 for a missing one, and for a tombstone unless `deleted` says otherwise. */
  lock(annotationId: string, options?: { version?: number; deleted?: "refuse" | "require" }): Promise<AnnotationRow>;
  create(rows: NewAnnotation[]): Promise<string[]>;
  /**
   * One create that returns the stored row, built from what the insert returned: no re-read. Its
   * revision and audit event go in one statement, at once: ahead of any event recorded through
   * `audit` earlier in the same transaction (the create path records none).
   */
  createOne(row: NewAnnotation & { label: AnnotationRow["label"] }, author: AnnotationRow["author"]): Promise<AnnotationRow>;
  /** With `review`, the update is a review decision: it always makes a new version, and records the decision. */
  update(current: AnnotationRow, next: AnnotationFields, changes: UpdatedData["changes"], review?: ReviewInput): Promise<AnnotationRow>;
  remove(current: AnnotationRow): Promise<void>;
  restore(current: AnnotationRow): Promise<AnnotationRow>;
  /** Moves every annotation (tombstones too) of one label to another: a label's deletion. They return to pending. */
  relabel(from: NewAnnotation["label"], to: NewAnnotation["label"], cause: UpdatedData["cause"]): Promise<number>;
}

/**
 * Runs `fn` in one audited transaction with a writer, then (after commit only) tells the
 * listeners what changed. `projectId` and `actorId` are the same for every change of one call.
 */
export async function writeAnnotations<T>(
  { projectId, actorId }: { projectId: string; actorId: string },
  fn: (writer: AnnotationWriter) => Promise<T>,
  options?: AuditedTransactionOptions,
): Promise<T> {
  const changes: AnnotationChange[] = [];
  const result = await auditedTransaction(async (tx, audit) => {
    const out = await fn(openWriter({ tx, audit, projectId, actorId, changes }));
    // Last, so the document's workflow row is locked only for the commit (lib/workflow explains the order).
    if (changes.length > 0) await followAnnotationChanges({ tx, audit, projectId, actorId, changes });
    return out;
  }, options);
  emit(changes);
  return result;
}

/**
 * Removes tombstones for good, with the document or label they name (their revisions stay): a
 * deleted document or label leaves nothing to restore them into. Changes nothing live.
 */
export async function purgeTombstones(tx: Tx, where: { documentId: string } | { labelId: string }): Promise<number> {
  if ("documentId" in where) {
    return tx.$executeRaw`DELETE FROM "Annotation" WHERE "documentId" = ${where.documentId} AND "deletedAt" IS NOT NULL`;
  }
  return tx.$executeRaw`DELETE FROM "Annotation" WHERE "labelId" = ${where.labelId} AND "deletedAt" IS NOT NULL`;
}

const BATCH = 1000;

function openWriter({ tx, audit, projectId, actorId, changes }: WriteScope): AnnotationWriter {
  const note = (op: AnnotationOp, row: { id: string; documentId: string; version: number }) =>
    changes.push({ op, annotationId: row.id, documentId: row.documentId, projectId, version: row.version, actorId });

  /**
   * `when` is also the row's updatedAt at that version: a revision then shows exactly what a read
   * of the annotation showed at that version (live updates rebuild old versions from revisions).
   */
  async function revisions(op: AnnotationOp, rows: RevisionRow[], when: Date): Promise<void> {
    for (let at = 0; at < rows.length; at += BATCH) {
      await tx.annotationRevision.createMany({
        data: rows.slice(at, at + BATCH).map((row) => ({
          annotationId: row.id,
          version: row.version,
          op,
          documentId: row.documentId,
          labelId: row.labelId,
          start: row.start,
          end: row.end,
          exact: row.exact,
          prefix: row.prefix,
          suffix: row.suffix,
          attributes: row.attributes as Prisma.InputJsonObject,
          status: row.status,
          deleted: row.deletedAt !== null,
          actorId,
          createdAt: when,
        })),
      });
    }
  }

  const fieldsOf = (row: AnnotationRow): RevisionRow => ({
    id: row.id,
    documentId: row.documentId,
    version: row.version,
    labelId: row.label.id,
    start: row.start,
    end: row.end,
    exact: row.exact,
    prefix: row.prefix,
    suffix: row.suffix,
    attributes: (row.attributes ?? {}) as Record<string, unknown>,
    status: row.status,
    deletedAt: row.deletedAt,
  });

  const insertData = (a: NewAnnotation, at: Date) => ({
    ...(a.id ? { id: a.id } : {}),
    documentId: a.documentId,
    labelId: a.label.id,
    authorId: actorId,
    start: a.start,
    end: a.end,
    exact: a.exact,
    prefix: a.prefix,
    suffix: a.suffix,
    attributes: a.attributes as Prisma.InputJsonObject,
    status: a.status ?? "pending",
    createdAt: at,
    updatedAt: at,
  });

  const createdEvent = (a: NewAnnotation, id: string): AuditInput => ({
    action: "annotation.created",
    subjectType: "annotation",
    subjectId: id,
    projectId,
    actorId,
    data: {
      documentId: a.documentId,
      label: { id: a.label.id, name: a.label.name, kind: a.label.kind },
      start: a.start,
      end: a.end,
      exact: a.exact,
      prefix: a.prefix,
      suffix: a.suffix,
      attributes: a.attributes as never,
      status: a.status ?? "pending",
    },
  });

  const read = (id: string) => tx.annotation.findUniqueOrThrow({ where: { id }, include: ANNOTATION_INCLUDE });

  return {
    tx,
    audit,

    async lock(annotationId, { version, deleted = "refuse" } = {}) {
      const locked = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "Annotation" WHERE "id" = ${annotationId} FOR UPDATE`;
      const row = locked.length ? await tx.annotation.findUnique({ where: { id: annotationId }, include: ANNOTATION_INCLUDE }) : null;
      if (!row) throw new AppError("not_found", "Annotation not found");
      if (deleted === "refuse" && row.deletedAt) throw new AppError("not_found", "Annotation not found (it was deleted; POST …/restore brings it back)");
      if (version !== undefined && row.version !== version) throw staleVersion(row, version);
      if (deleted === "require" && !row.deletedAt) {
        throw new AppError("conflict", "The annotation is not deleted; there is nothing to restore");
      }
      return row;
    },

    async create(rows) {
      const now = new Date();
      const ids: string[] = [];
      const stored: RevisionRow[] = [];
      for (let at = 0; at < rows.length; at += BATCH) {
        const batch = rows.slice(at, at + BATCH);
        const data = batch.map((a) => insertData(a, now));
        // Rows with ids (imports, client-chosen) go in one statement; others get Prisma's cuid one by one.
        const created: { id: string }[] = [];
        if (data.every((d) => d.id)) {
          await tx.annotation.createMany({ data });
          created.push(...data.map((d) => ({ id: d.id! })));
        } else {
          for (const d of data) created.push(await tx.annotation.create({ data: d, select: { id: true } }));
        }
        created.forEach(({ id }, i) => {
          const a = batch[i]!;
          ids.push(id);
          stored.push({ ...a, id, labelId: a.label.id, status: a.status ?? "pending", version: 1, deletedAt: null });
        });
        await audit.many(batch.map((a, i) => createdEvent(a, created[i]!.id)));
      }
      await revisions("created", stored, now);
      for (const row of stored) note("created", row);
      return ids;
    },

    async createOne(row, author) {
      const at = new Date();
      const stored = await tx.annotation.create({ data: insertData(row, at), select: INSERTED });
      const { label, documentId, start, end, exact, prefix, suffix } = row;
      const event = createdEvent(row, stored.id);
      const body = ZAuditEvent.parse({ action: event.action, subjectType: event.subjectType, data: event.data });
      // The hottest write: revision and audit event in one round trip (timestamps in UTC, as Prisma stores them).
      await tx.$executeRaw`
        WITH revision AS (
          INSERT INTO "AnnotationRevision" ("annotationId", "version", "op", "documentId", "labelId", "start", "end", "exact",
                                            "prefix", "suffix", "attributes", "status", "deleted", "actorId", "createdAt")
          VALUES (${stored.id}, ${stored.version}, 'created', ${documentId}, ${label.id}, ${start}, ${end}, ${exact},
                  ${prefix}, ${suffix}, ${JSON.stringify(stored.attributes)}::jsonb, ${stored.status}::"AnnotationStatus", false,
                  ${actorId}, ${at.toISOString()}::timestamptz AT TIME ZONE 'UTC'))
        INSERT INTO "AuditEvent" ("at", "actorId", "action", "subjectType", "subjectId", "projectId", "data")
        VALUES (now() AT TIME ZONE 'UTC', ${actorId}, ${body.action}, ${body.subjectType}, ${stored.id}, ${projectId},
                ${JSON.stringify(body.data)}::jsonb)`;
      audit.wrote();
      note("created", { id: stored.id, documentId, version: stored.version });
      return { ...stored, documentId, start, end, exact, prefix, suffix, label, author, deletedAt: null, deletedById: null };
    },

    async update(current, next, fieldChanges, review) {
      const at = new Date();
      // Conditional on the version (and life) as well as locked: the check and the write are one statement.
      const { count } = await tx.annotation.updateMany({
        where: { id: current.id, version: current.version, deletedAt: null },
        data: { ...next, attributes: next.attributes as Prisma.InputJsonObject, version: { increment: 1 }, updatedAt: at },
      });
      if (count !== 1) throw staleVersion(await read(current.id), current.version);
      const version = current.version + 1;
      await revisions("updated", [{ ...next, id: current.id, documentId: current.documentId, version, deletedAt: null }], at);
      let decided: UpdatedData["review"];
      if (review) {
        const id = randomUUID();
        await tx.annotationReview.create({
          data: {
            id,
            annotationId: current.id,
            documentId: current.documentId,
            projectId,
            version,
            decision: review.decision,
            reason: review.reason,
            correctedFrom: (review.correctedFrom ?? undefined) as Prisma.InputJsonObject | undefined,
            reviewerId: actorId,
            at,
          },
        });
        decided = { id, decision: review.decision, reason: review.reason, correctedFrom: review.correctedFrom as never };
      }
      await audit({
        action: "annotation.updated",
        subjectType: "annotation",
        subjectId: current.id,
        projectId,
        actorId,
        data: { documentId: current.documentId, version, changes: fieldChanges, ...(decided ? { review: decided } : {}) },
      });
      note("updated", { id: current.id, documentId: current.documentId, version });
      return read(current.id);
    },

    async remove(current) {
      const deletedAt = new Date();
      const at = deletedAt;
      const { count } = await tx.annotation.updateMany({
        where: { id: current.id, version: current.version, deletedAt: null },
        data: { deletedAt, deletedById: actorId, version: { increment: 1 }, updatedAt: at },
      });
      if (count !== 1) throw staleVersion(await read(current.id), current.version);
      const version = current.version + 1;
      await revisions("deleted", [{ ...fieldsOf(current), version, deletedAt }], at);
      await audit({
        action: "annotation.deleted",
        subjectType: "annotation",
        subjectId: current.id,
        projectId,
        actorId,
        data: { ...annotationSnapshot(current), version: current.version, authorId: current.author.id },
      });
      note("deleted", { id: current.id, documentId: current.documentId, version });
    },

    async restore(current) {
      const at = new Date();
      const { count } = await tx.annotation.updateMany({
        where: { id: current.id, version: current.version, deletedAt: { not: null } },
        data: { deletedAt: null, deletedById: null, version: { increment: 1 }, updatedAt: at },
      });
      if (count !== 1) throw staleVersion(await read(current.id), current.version);
      const version = current.version + 1;
      await revisions("restored", [{ ...fieldsOf(current), version, deletedAt: null }], at);
      await audit({
        action: "annotation.restored",
        subjectType: "annotation",
        subjectId: current.id,
        projectId,
        actorId,
        data: { ...annotationSnapshot(current), version, authorId: current.author.id },
      });
      note("restored", { id: current.id, documentId: current.documentId, version });
      return read(current.id);
    },

    async relabel(from, to, cause) {
      const at = new Date();
      // A review was of the annotation under its old label: it goes back to pending (issue 14).
      const moved = await tx.$queryRaw<(RevisionRow & { was: AnnotationStatus })[]>`
        WITH old AS (SELECT "id", "status" FROM "Annotation" WHERE "labelId" = ${from.id} FOR UPDATE)
        UPDATE "Annotation" a SET "labelId" = ${to.id}, "version" = a."version" + 1, "status" = 'pending',
               "updatedAt" = ${at.toISOString()}::timestamptz AT TIME ZONE 'UTC'
          FROM old WHERE a."id" = old."id"
        RETURNING a."id", a."documentId", a."version", a."labelId", a."start", a."end", a."exact", a."prefix", a."suffix", a."attributes",
                  a."status"::text AS "status", a."deletedAt", old."status"::text AS "was"`;
      await revisions("updated", moved, at);
      for (const row of moved) {
        const status = row.was === "pending" ? {} : { status: { from: row.was, to: "pending" as const } };
        await audit({
          action: "annotation.updated",
          subjectType: "annotation",
          subjectId: row.id,
          projectId,
          actorId,
          data: { documentId: row.documentId, version: row.version, changes: { label: { from, to }, ...status }, cause },
        });
        note("updated", row);
      }
      return moved.length;
    },
  };
}
