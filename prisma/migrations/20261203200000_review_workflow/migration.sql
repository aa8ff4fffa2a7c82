-- Issue 14: review and sign-off. Review decisions are history (insert only, like revisions);
-- each document gets a workflow state, assignees, a transition history and sign-offs. A document
-- without a workflow row has not been started.

CREATE TYPE "ReviewDecision" AS ENUM ('accept', 'reject');
CREATE TYPE "DocumentState" AS ENUM ('not_started', 'in_progress', 'in_review', 'changes_requested', 'signed_off');

-- No foreign key to Annotation: a tombstone is purged with its document, its reviews stay.
CREATE TABLE "AnnotationReview" (
    "id" TEXT NOT NULL,
    "annotationId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "decision" "ReviewDecision" NOT NULL,
    "reason" TEXT,
    "correctedFrom" JSONB,
    "reviewerId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnnotationReview_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "AnnotationReview_annotationId_version_key" ON "AnnotationReview"("annotationId", "version");
CREATE INDEX "AnnotationReview_documentId_idx" ON "AnnotationReview"("documentId");
CREATE INDEX "AnnotationReview_projectId_at_idx" ON "AnnotationReview"("projectId", "at");
ALTER TABLE "AnnotationReview" ADD CONSTRAINT "AnnotationReview_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TRIGGER "AnnotationReview_immutable"
    BEFORE UPDATE OR DELETE ON "AnnotationReview"
    FOR EACH ROW EXECUTE FUNCTION tracewell_refuse_update();
CREATE TRIGGER "AnnotationReview_no_truncate"
    BEFORE TRUNCATE ON "AnnotationReview"
    FOR EACH STATEMENT EXECUTE FUNCTION tracewell_refuse_update();

CREATE TABLE "DocumentWorkflow" (
    "documentId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "state" "DocumentState" NOT NULL DEFAULT 'not_started',
    "reviewerId" TEXT,
    "signOffId" TEXT,
    "stateSince" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DocumentWorkflow_pkey" PRIMARY KEY ("documentId")
);
CREATE INDEX "DocumentWorkflow_projectId_state_idx" ON "DocumentWorkflow"("projectId", "state");
CREATE INDEX "DocumentWorkflow_reviewerId_idx" ON "DocumentWorkflow"("reviewerId");
ALTER TABLE "DocumentWorkflow" ADD CONSTRAINT "DocumentWorkflow_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DocumentWorkflow" ADD CONSTRAINT "DocumentWorkflow_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "DocumentAssignee" (
    "documentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DocumentAssignee_pkey" PRIMARY KEY ("documentId", "userId")
);
CREATE INDEX "DocumentAssignee_userId_idx" ON "DocumentAssignee"("userId");
ALTER TABLE "DocumentAssignee" ADD CONSTRAINT "DocumentAssignee_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "DocumentWorkflow"("documentId") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DocumentAssignee" ADD CONSTRAINT "DocumentAssignee_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "SignOff" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "signerId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "accepted" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,
    "annotationSetHash" TEXT NOT NULL,
    "supersededAt" TIMESTAMP(3),
    "supersededById" TEXT,
    "supersededBy" JSONB,

    CONSTRAINT "SignOff_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "SignOff_documentId_at_idx" ON "SignOff"("documentId", "at");
ALTER TABLE "SignOff" ADD CONSTRAINT "SignOff_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "DocumentWorkflow"("documentId") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SignOff" ADD CONSTRAINT "SignOff_signerId_fkey" FOREIGN KEY ("signerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SignOff" ADD CONSTRAINT "SignOff_supersededById_fkey" FOREIGN KEY ("supersededById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "WorkflowTransition" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "from" "DocumentState" NOT NULL,
    "to" "DocumentState" NOT NULL,
    "actorId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "comment" TEXT,
    "signOffId" TEXT,
    "cause" JSONB,

    CONSTRAINT "WorkflowTransition_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "WorkflowTransition_documentId_at_idx" ON "WorkflowTransition"("documentId", "at");
ALTER TABLE "WorkflowTransition" ADD CONSTRAINT "WorkflowTransition_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "DocumentWorkflow"("documentId") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WorkflowTransition" ADD CONSTRAINT "WorkflowTransition_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Documents annotated before this migration are in progress (the history starts here).
INSERT INTO "DocumentWorkflow" ("documentId", "projectId", "state", "stateSince", "updatedAt")
SELECT d."id", d."projectId", 'in_progress', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
  FROM "Document" d
 WHERE EXISTS (SELECT 1 FROM "Annotation" a WHERE a."documentId" = d."id");
