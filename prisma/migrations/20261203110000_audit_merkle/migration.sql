-- Issue 12: audit events without a global lock, sealed into an RFC 6962 Merkle log.
--
-- Writers now insert events in their own transaction with no lock and no position: "seq" becomes
-- an insertion number from a sequence (unique, increasing, NOT gapless, NOT the log position) and
-- "xid" records the writer's transaction id. A single sealer gives each committed event its gapless
-- position in "AuditSeal" and signs checkpoints in "AuditCheckpoint". Nothing here is ever
-- updated, so the app role keeps INSERT and SELECT only on all three tables.

-- Existing events keep their content and their seq; xid 0 sorts them before every new event, so
-- the sealer's first run seals them in their existing seq order.
ALTER TABLE "AuditEvent" ADD COLUMN "xid" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "AuditEvent" ALTER COLUMN "xid" SET DEFAULT (pg_current_xact_id()::text::bigint);

CREATE SEQUENCE "AuditEvent_seq_seq" AS BIGINT OWNED BY "AuditEvent"."seq";
SELECT setval('"AuditEvent_seq_seq"', COALESCE((SELECT max("seq") FROM "AuditEvent"), 0) + 1, false);
ALTER TABLE "AuditEvent" ALTER COLUMN "seq" SET DEFAULT nextval('"AuditEvent_seq_seq"');

-- The old hash chain stays on the old rows (kept as they were); new rows leave it empty. Verify
-- relies on the Merkle leaves for every row, old and new.
ALTER TABLE "AuditEvent" ALTER COLUMN "prevHash" DROP NOT NULL;
ALTER TABLE "AuditEvent" ALTER COLUMN "hash" DROP NOT NULL;

CREATE INDEX "AuditEvent_xid_seq_idx" ON "AuditEvent"("xid", "seq");

CREATE TABLE "AuditSeal" (
    "seq" BIGINT NOT NULL,
    "eventSeq" BIGINT NOT NULL,
    "leafHash" TEXT NOT NULL,

    CONSTRAINT "AuditSeal_pkey" PRIMARY KEY ("seq")
);
CREATE UNIQUE INDEX "AuditSeal_eventSeq_key" ON "AuditSeal"("eventSeq");
ALTER TABLE "AuditSeal" ADD CONSTRAINT "AuditSeal_eventSeq_fkey" FOREIGN KEY ("eventSeq") REFERENCES "AuditEvent"("seq") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "AuditCheckpoint" (
    "treeSize" BIGINT NOT NULL,
    "rootHash" TEXT NOT NULL,
    "timestamp" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("treeSize")
);

-- Append-only, like the events they seal.
CREATE TRIGGER "AuditSeal_append_only"
    BEFORE UPDATE OR DELETE ON "AuditSeal"
    FOR EACH ROW EXECUTE FUNCTION tracewell_refuse_update();
CREATE TRIGGER "AuditSeal_no_truncate"
    BEFORE TRUNCATE ON "AuditSeal"
    FOR EACH STATEMENT EXECUTE FUNCTION tracewell_refuse_update();
CREATE TRIGGER "AuditCheckpoint_append_only"
    BEFORE UPDATE OR DELETE ON "AuditCheckpoint"
    FOR EACH ROW EXECUTE FUNCTION tracewell_refuse_update();
CREATE TRIGGER "AuditCheckpoint_no_truncate"
    BEFORE TRUNCATE ON "AuditCheckpoint"
    FOR EACH STATEMENT EXECUTE FUNCTION tracewell_refuse_update();
