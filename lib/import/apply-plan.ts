import { writeAnnotations } from "@/lib/annotations/write-annotations";
import type { Tx } from "@/lib/db/client";
import { storeDocument } from "@/lib/documents/store-document";
import { AppError } from "@/lib/errors";
import type { ImportFormat } from "./types";
import type { VerifiedDocument } from "./verify-plan";

/** The transaction holds the audit chain lock; generous for big files, bounded all the same. */
const timeoutFor = (annotations: number) => Math.min(15 * 60_000, 60_000 + annotations * 5);

async function lockVerified(tx: Tx, projectId: string, documents: VerifiedDocument[]): Promise<void> {
  // Labels, documents and cited entities were read before the transaction: hold them still now.
  const labels = new Map(documents.flatMap((d) => d.annotations.map((a) => [a.label.id, a.label.kind] as const)));
  const rows = await tx.$queryRaw<{ id: string; kind: string }[]>`
    SELECT "id", "kind"::text AS "kind" FROM "Label" WHERE "projectId" = ${projectId} AND "id" = ANY(${[...labels.keys()]}::text[]) FOR SHARE`;
  if (rows.length !== labels.size || rows.some((r) => labels.get(r.id) !== r.kind)) {
    throw new AppError("conflict", "The project's labels changed while the file was being checked; import it again");
  }
  const existing = [...new Set(documents.flatMap((d) => (d.target.kind === "existing" ? [d.target.id] : [])))];
  const held = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "Document" WHERE "id" = ANY(${existing}::text[]) FOR KEY SHARE`;
  if (held.length !== existing.length) throw new AppError("conflict", "A document was deleted while the file was being checked; import it again");
  const imported = new Set(documents.flatMap((d) => d.annotations.map((a) => a.id)));
  const cited = [...new Set(documents.flatMap((d) => d.annotations.map((a) => (a.attributes.source as { annotationId?: string } | undefined)?.annotationId)))].filter(
    (id): id is string => typeof id === "string" && !imported.has(id),
  );
  const sources = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "Annotation" WHERE "id" = ANY(${cited}::text[]) AND "deletedAt" IS NULL FOR SHARE`;
  if (sources.length !== cited.length) throw new AppError("conflict", "An entity cited as a claim's source was deleted while the file was being checked; import it again");
  // Annotations counted as already present must still be there (and stay) when the import commits.
  const present = documents.flatMap((d) => d.present);
  const kept = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" FROM (SELECT 1 FROM "Annotation" WHERE "id" = ANY(${present}::text[]) AND "deletedAt" IS NULL FOR SHARE) AS "held"`;
  if (kept[0]!.n !== present.length) throw new AppError("conflict", "An annotation the file repeats was deleted while the file was being checked; import it again");
}

/**
 * Writes a verified import in ONE audited transaction: the new documents through the upload path
 * (document.created each), then the annotations through the one write path
 * (lib/annotations/write-annotations.ts: batched rows, a revision and an annotation.created event
 * per annotation, the same snapshot as a single create), then import.completed. Any failure rolls everything back. The events are appended under the audit
 * chain lock at the end, so other writers wait for that step: imports are bounded by
 * TRACEWELL_MAX_IMPORT_BYTES.
 */
export async function applyPlan({
  actorId,
  projectId,
  format,
  filename,
  fileSha256,
  documents,
}: {
  actorId: string;
  projectId: string;
  format: ImportFormat;
  filename: string;
  fileSha256: string;
  documents: VerifiedDocument[];
}): Promise<{ created: number; matched: number; annotations: number; alreadyPresent: number }> {
  const total = documents.reduce((n, d) => n + d.annotations.length, 0);
  return writeAnnotations(
    { projectId, actorId },
    async (writer) => {
      const { tx, audit } = writer;
      await lockVerified(tx, projectId, documents);
      const ids = new Map<string, string>();
      let created = 0;
      for (const document of documents) {
        if (ids.has(document.sha256)) continue;
        if (document.target.kind === "existing") {
          ids.set(document.sha256, document.target.id);
          continue;
        }
        const { ingested, metadata } = document.target;
        const stored = await storeDocument({ actorId, projectId, ingested, metadata, transaction: { tx, audit } });
        if (stored.status === "created") created++;
        ids.set(document.sha256, stored.document.id);
      }
      const rows = documents.flatMap((document) => document.annotations.map((a) => ({ ...a, documentId: ids.get(document.sha256)! })));
      // The writer batches rows, their revisions and one annotation.created event each.
      await writer.create(rows);
      const matched = ids.size - created;
      const alreadyPresent = documents.reduce((n, d) => n + d.present.length, 0);
      await audit({
        action: "import.completed",
        subjectType: "project",
        subjectId: projectId,
        projectId,
        actorId,
        data: { format, filename, fileSha256, documents: { created, matched }, annotations: rows.length, alreadyPresent },
      });
      return { created, matched, annotations: rows.length, alreadyPresent };
    },
    { timeout: timeoutFor(total) },
  );
}
