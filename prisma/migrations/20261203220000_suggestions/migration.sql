-- Issue 15: dictionary pre-annotation. Suggestions are kept apart from annotations and never count
-- as annotations until accepted; a decided one (accepted or rejected) stays, so running again does
-- not propose the same span for the same entity (or the same figure) a second time.

CREATE TYPE "SuggestionSource" AS ENUM ('alias', 'figure');
CREATE TYPE "SuggestionStatus" AS ENUM ('open', 'accepted', 'rejected');

CREATE TABLE "Suggestion" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "exact" TEXT NOT NULL,
    "labelId" TEXT NOT NULL,
    "entityId" TEXT,
    "alias" TEXT,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "source" "SuggestionSource" NOT NULL,
    "key" TEXT NOT NULL,
    "status" "SuggestionStatus" NOT NULL DEFAULT 'open',
    "annotationId" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Suggestion_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Suggestion_documentId_start_end_key_key" ON "Suggestion"("documentId", "start", "end", "key");
CREATE INDEX "Suggestion_documentId_status_idx" ON "Suggestion"("documentId", "status");
ALTER TABLE "Suggestion" ADD CONSTRAINT "Suggestion_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Suggestion" ADD CONSTRAINT "Suggestion_labelId_fkey" FOREIGN KEY ("labelId") REFERENCES "Label"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Suggestion" ADD CONSTRAINT "Suggestion_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Suggestion" ADD CONSTRAINT "Suggestion_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
