-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "direction" TEXT,
ADD COLUMN     "extraction" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "profile" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "searchVector" tsvector;

-- CreateTable
CREATE TABLE "DocumentOriginal" (
    "documentId" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "DocumentOriginal_pkey" PRIMARY KEY ("documentId")
);

-- CreateIndex
CREATE INDEX "Document_searchVector_idx" ON "Document" USING GIN ("searchVector");

-- AddForeignKey
ALTER TABLE "DocumentOriginal" ADD CONSTRAINT "DocumentOriginal_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written below: rules Prisma's schema language cannot express.

-- A document's text, hashes and derivation never change after upload; metadata may.
CREATE FUNCTION tracewell_document_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW."text" IS DISTINCT FROM OLD."text"
       OR NEW."sha256" IS DISTINCT FROM OLD."sha256"
       OR NEW."length" IS DISTINCT FROM OLD."length"
       OR NEW."projectId" IS DISTINCT FROM OLD."projectId"
       OR NEW."originalSha256" IS DISTINCT FROM OLD."originalSha256"
       OR NEW."originalSize" IS DISTINCT FROM OLD."originalSize"
       OR NEW."originalFilename" IS DISTINCT FROM OLD."originalFilename"
       OR NEW."originalMediaType" IS DISTINCT FROM OLD."originalMediaType"
       OR NEW."extraction" IS DISTINCT FROM OLD."extraction"
       OR NEW."profile" IS DISTINCT FROM OLD."profile" THEN
        RAISE EXCEPTION 'Document % is immutable: its text, hashes and derivation cannot change', OLD."id"
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER "Document_immutable"
    BEFORE UPDATE ON "Document"
    FOR EACH ROW EXECUTE FUNCTION tracewell_document_immutable();

CREATE FUNCTION tracewell_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "DocumentOriginal_immutable"
    BEFORE UPDATE ON "DocumentOriginal"
    FOR EACH ROW EXECUTE FUNCTION tracewell_refuse_update();

-- Full-text search over title (weighted higher) and text. The 'english' configuration stems
-- English and keeps other scripts (Arabic, CJK) as plain words. A tsvector is limited to 1 MB,
-- which a very large or unusual text can exceed: then only the text's beginning is indexed
-- rather than refusing the document.
CREATE FUNCTION tracewell_search_vector(title TEXT, body TEXT) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    RETURN setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
        || to_tsvector('english'::regconfig, coalesce(body, ''));
EXCEPTION WHEN program_limit_exceeded THEN
    RETURN setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
        || to_tsvector('english'::regconfig, left(coalesce(body, ''), 100000));
END;
$$;

CREATE FUNCTION tracewell_document_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW."searchVector" := tracewell_search_vector(NEW."title", NEW."text");
    RETURN NEW;
END;
$$;

CREATE TRIGGER "Document_search_vector"
    BEFORE INSERT OR UPDATE ON "Document"
    FOR EACH ROW EXECUTE FUNCTION tracewell_document_search_vector();
