-- Issue 12: one write path for annotations. Deletes become tombstones, and every change of an
-- annotation stores an immutable revision (annotation id, version) that derived facts can cite.

ALTER TABLE "Annotation" ADD COLUMN "deletedAt" TIMESTAMP(3);
ALTER TABLE "Annotation" ADD COLUMN "deletedById" TEXT;
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_deletedById_fkey" FOREIGN KEY ("deletedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- No foreign key to Annotation: a tombstone is purged when its document is deleted, and its
-- history stays. No foreign key to Label either: a revision keeps naming a label deleted later.
CREATE TABLE "AnnotationRevision" (
    "annotationId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "op" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "labelId" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "exact" TEXT NOT NULL,
    "prefix" TEXT NOT NULL DEFAULT '',
    "suffix" TEXT NOT NULL DEFAULT '',
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "status" "AnnotationStatus" NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "actorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnnotationRevision_pkey" PRIMARY KEY ("annotationId","version")
);

ALTER TABLE "AnnotationRevision" ADD CONSTRAINT "AnnotationRevision_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Revisions are history: insert only, as the audit log.
CREATE TRIGGER "AnnotationRevision_immutable"
    BEFORE UPDATE OR DELETE ON "AnnotationRevision"
    FOR EACH ROW EXECUTE FUNCTION tracewell_refuse_update();
CREATE TRIGGER "AnnotationRevision_no_truncate"
    BEFORE TRUNCATE ON "AnnotationRevision"
    FOR EACH STATEMENT EXECUTE FUNCTION tracewell_refuse_update();

-- History starts here: each existing annotation gets one revision at its current version. Earlier
-- versions (before this migration) exist only as audit events, not as revisions.
INSERT INTO "AnnotationRevision" ("annotationId", "version", "op", "documentId", "labelId", "start", "end", "exact", "prefix", "suffix", "attributes", "status", "deleted", "actorId", "createdAt")
SELECT "id", "version", 'baseline', "documentId", "labelId", "start", "end", "exact", "prefix", "suffix", "attributes", "status", false, "authorId", "updatedAt"
  FROM "Annotation";
