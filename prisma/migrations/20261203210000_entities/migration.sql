-- Issue 15: canonical entities per project, with aliases in any script and external ids. An entity
-- merged into another stays as a redirect (mergedIntoId): annotations that link to it keep their
-- attributes, so merging never changes (or reopens) a reviewed annotation.

CREATE TYPE "EntityType" AS ENUM ('person', 'organization', 'armed_group', 'location', 'event', 'other');

CREATE TABLE "Entity" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "EntityType" NOT NULL DEFAULT 'other',
    "description" TEXT NOT NULL DEFAULT '',
    "aliases" TEXT[] NOT NULL,
    "externalIds" JSONB NOT NULL DEFAULT '{}',
    "mergedIntoId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Entity_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Entity_projectId_name_idx" ON "Entity"("projectId", "name");
CREATE INDEX "Entity_mergedIntoId_idx" ON "Entity"("mergedIntoId");
ALTER TABLE "Entity" ADD CONSTRAINT "Entity_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Entity" ADD CONSTRAINT "Entity_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
