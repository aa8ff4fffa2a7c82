import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, currentDatabaseUrl, withClient } from "../helpers/database";
import {
  columnFact,
  databaseFacts,
  detectDrift,
  enumFact,
  foreignKeyFact,
  formatDiff,
  indexFact,
  integrityObjects,
  primaryKeyFact,
  schemaFacts,
  tableFact,
  type SchemaDiff,
} from "../helpers/schema-drift";

const SCHEMA_PATH = path.resolve(fileURLToPath(import.meta.url), "../../../prisma/schema.prisma");
const schema = readFileSync(SCHEMA_PATH, "utf8");

function expectNoDrift(diff: SchemaDiff) {
  expect(diff, formatDiff(diff)).toEqual({ missing: [], unexpected: [] });
}

describe("prisma/schema.prisma ⇄ the migrated database", () => {
  let expected: string[];
  let actual: string[];

  beforeAll(async () => {
    expected = await schemaFacts(schema);
    actual = await withClient(currentDatabaseUrl(), (client) => databaseFacts(client));
  });

  it("match exactly, in both directions", () => {
    expectNoDrift({ missing: expected.filter((f) => !actual.includes(f)), unexpected: actual.filter((f) => !expected.includes(f)) });
  });

  // Guards against a vacuous comparison: the schema side really describes what the spec says.
  it("reads the schema the way Prisma Migrate would", () => {
    const samples = [
      tableFact("User"),
      tableFact("SignInThrottle"),
      enumFact("Role", ["owner", "reviewer", "annotator", "viewer"]),
      enumFact("AnnotationStatus", ["pending", "accepted", "rejected"]),
      columnFact("User", "id", "text", true, null),
      columnFact("User", "isAdmin", "boolean", true, "false"),
      columnFact("User", "passwordHash", "text", false, null),
      columnFact("User", "createdAt", "timestamp(3) without time zone", true, "CURRENT_TIMESTAMP"),
      columnFact("User", "updatedAt", "timestamp(3) without time zone", true, null),
      columnFact("Project", "description", "text", true, "''::text"),
      columnFact("Document", "publishedOn", "date", false, null),
      columnFact("Document", "length", "integer", true, null),
      columnFact("Document", "direction", "text", false, null),
      columnFact("Document", "profile", "jsonb", true, "'{}'::jsonb"),
      columnFact("Document", "extraction", "jsonb", true, "'{}'::jsonb"),
      // Unsupported("tsvector")?: absent from Prisma's DMMF, still a column Prisma Migrate creates.
      columnFact("Document", "searchVector", "tsvector", false, null),
      tableFact("DocumentOriginal"),
      columnFact("DocumentOriginal", "documentId", "text", true, null),
      columnFact("DocumentOriginal", "bytes", "bytea", true, null),
      primaryKeyFact("DocumentOriginal", "DocumentOriginal_pkey", ["documentId"]),
      columnFact("Annotation", "attributes", "jsonb", true, "'{}'::jsonb"),
      columnFact("Annotation", "status", "AnnotationStatus", true, `'pending'::"AnnotationStatus"`),
      columnFact("Annotation", "version", "integer", true, "1"),
      columnFact("AuditEvent", "seq", "bigint", true, `nextval('"AuditEvent_seq_seq"'::regclass)`),
      columnFact("Membership", "role", "Role", true, null),
      primaryKeyFact("AuditEvent", "AuditEvent_pkey", ["seq"]),
      primaryKeyFact("SignInThrottle", "SignInThrottle_pkey", ["key"]),
      indexFact("User", "User_email_key", ["email"], true),
      indexFact("Label", "Label_projectId_hotkey_key", ["projectId", "hotkey"], true),
      indexFact("Annotation", "Annotation_documentId_start_idx", ["documentId", "start"], false),
      indexFact("AuditEvent", "AuditEvent_projectId_seq_idx", ["projectId", "seq"], false),
      indexFact("Document", "Document_searchVector_idx", ["searchVector"], false, "gin"),
      foreignKeyFact("Membership", "Membership_projectId_fkey", ["projectId"], "Project", ["id"], "CASCADE", "CASCADE"),
      foreignKeyFact("Document", "Document_projectId_fkey", ["projectId"], "Project", ["id"], "RESTRICT", "CASCADE"),
      foreignKeyFact("Document", "Document_uploadedById_fkey", ["uploadedById"], "User", ["id"], "SET NULL", "CASCADE"),
      foreignKeyFact("AuditEvent", "AuditEvent_actorId_fkey", ["actorId"], "User", ["id"], "RESTRICT", "CASCADE"),
      foreignKeyFact("DocumentOriginal", "DocumentOriginal_documentId_fkey", ["documentId"], "Document", ["id"], "CASCADE", "CASCADE"),
    ];
    for (const fact of samples) expect(expected).toContain(fact);
    // User, Project, Membership, Label, Document, DocumentOriginal, Annotation, AnnotationRevision, AuditEvent, AuditSeal, AuditCheckpoint, ApiToken, SignInThrottle, Session,
    // AnnotationReview, DocumentWorkflow, DocumentAssignee, SignOff, WorkflowTransition, Entity, Suggestion.
    expect(expected.filter((f) => f.startsWith("table "))).toHaveLength(21);
    // Membership 2, Label 1, Document 2, DocumentOriginal 1, Annotation 4, AnnotationRevision 1, AuditEvent 1, AuditSeal 1, ApiToken 1, Session 1,
    // AnnotationReview 1, DocumentWorkflow 2, DocumentAssignee 2, SignOff 3, WorkflowTransition 2, Entity 2, Suggestion 4.
    expect(expected.filter((f) => f.startsWith("foreign key "))).toHaveLength(31);
    // Role, LabelKind, AnnotationStatus, TokenScope, ReviewDecision, DocumentState, EntityType, SuggestionSource, SuggestionStatus.
    expect(expected.filter((f) => f.startsWith("enum "))).toHaveLength(9);
  });

  it("leaves only _prisma_migrations out of the comparison", async () => {
    const everything = await withClient(currentDatabaseUrl(), (client) => databaseFacts(client, { ignoreTables: [] }));
    const extra = everything.filter((fact) => !actual.includes(fact));
    expect(extra.length).toBeGreaterThan(0);
    for (const fact of extra) expect(fact).toContain('"_prisma_migrations"');
  });

  it("has the integrity rules Prisma cannot express", async () => {
    const { checks, triggers, functions } = await withClient(currentDatabaseUrl(), (client) => integrityObjects(client));
    expect(checks).toEqual([
      { table: "Annotation", name: "Annotation_range_check", definition: 'CHECK (((start >= 0) AND (start < "end")))' },
    ]);
    const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    expect(triggers.map(({ table, name, enabled }) => ({ table, name, enabled })).sort((a, b) => byCodePoint(a.name, b.name))).toEqual([
      { table: "AnnotationReview", name: "AnnotationReview_immutable", enabled: "O" },
      { table: "AnnotationReview", name: "AnnotationReview_no_truncate", enabled: "O" },
      { table: "AnnotationRevision", name: "AnnotationRevision_immutable", enabled: "O" },
      { table: "AnnotationRevision", name: "AnnotationRevision_no_truncate", enabled: "O" },
      { table: "AuditCheckpoint", name: "AuditCheckpoint_append_only", enabled: "O" },
      { table: "AuditCheckpoint", name: "AuditCheckpoint_no_truncate", enabled: "O" },
      { table: "AuditEvent", name: "AuditEvent_append_only", enabled: "O" },
      { table: "AuditEvent", name: "AuditEvent_no_truncate", enabled: "O" },
      { table: "AuditSeal", name: "AuditSeal_append_only", enabled: "O" },
      { table: "AuditSeal", name: "AuditSeal_no_truncate", enabled: "O" },
      { table: "DocumentOriginal", name: "DocumentOriginal_immutable", enabled: "O" },
      { table: "Document", name: "Document_immutable", enabled: "O" },
      { table: "Document", name: "Document_search_vector", enabled: "O" },
    ]);
    const byName = Object.fromEntries(triggers.map((t) => [t.name, t.definition]));
    expect(byName.AuditEvent_append_only).toBe(
      'CREATE TRIGGER "AuditEvent_append_only" BEFORE DELETE OR UPDATE ON public."AuditEvent" FOR EACH ROW EXECUTE FUNCTION tracewell_audit_append_only()',
    );
    expect(byName.AuditEvent_no_truncate).toBe(
      'CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON public."AuditEvent" FOR EACH STATEMENT EXECUTE FUNCTION tracewell_audit_append_only()',
    );
    expect(byName.Document_immutable).toBe(
      'CREATE TRIGGER "Document_immutable" BEFORE UPDATE ON public."Document" FOR EACH ROW EXECUTE FUNCTION tracewell_document_immutable()',
    );
    expect(byName.DocumentOriginal_immutable).toBe(
      'CREATE TRIGGER "DocumentOriginal_immutable" BEFORE UPDATE ON public."DocumentOriginal" FOR EACH ROW EXECUTE FUNCTION tracewell_refuse_update()',
    );
    expect(byName.Document_search_vector).toBe(
      'CREATE TRIGGER "Document_search_vector" BEFORE INSERT OR UPDATE ON public."Document" FOR EACH ROW EXECUTE FUNCTION tracewell_document_search_vector()',
    );

    expect(functions.map(({ definition: _, ...signature }) => signature)).toEqual([
      { name: "tracewell_audit_append_only", arguments: "", result: "trigger", language: "plpgsql", volatility: "v", parallel: "u" },
      { name: "tracewell_document_immutable", arguments: "", result: "trigger", language: "plpgsql", volatility: "v", parallel: "u" },
      { name: "tracewell_document_search_vector", arguments: "", result: "trigger", language: "plpgsql", volatility: "v", parallel: "u" },
      { name: "tracewell_refuse_update", arguments: "", result: "trigger", language: "plpgsql", volatility: "v", parallel: "u" },
      // IMMUTABLE PARALLEL SAFE: usable in an expression index or a generated column later.
      { name: "tracewell_search_vector", arguments: "title text, body text", result: "tsvector", language: "plpgsql", volatility: "i", parallel: "s" },
    ]);
    const source = Object.fromEntries(functions.map((f) => [f.name, f.definition]));
    // The immutability trigger guards every column that must never change after upload.
    for (const column of [
      "text",
      "sha256",
      "length",
      "projectId",
      "originalSha256",
      "originalSize",
      "originalFilename",
      "originalMediaType",
      "extraction",
      "profile",
    ]) {
      expect(source.tracewell_document_immutable).toContain(`NEW."${column}" IS DISTINCT FROM OLD."${column}"`);
    }
    expect(source.tracewell_search_vector).toContain("EXCEPTION WHEN program_limit_exceeded");
  });
});

describe("the drift comparator", () => {
  async function driftAfter(statements: string[]): Promise<SchemaDiff> {
    const scratch = await createTestDatabase();
    return withClient(scratch.url, async (client: pg.Client) => {
      for (const statement of statements) await client.query(statement);
      return detectDrift(schema, client);
    });
  }

  it("reports an added column, a dropped index, a changed type, nullability and default", async () => {
    const diff = await driftAfter([
      `ALTER TABLE "Project" ADD COLUMN extra text`,
      `DROP INDEX "Annotation_labelId_idx"`,
      `ALTER TABLE "Document" ALTER COLUMN "length" TYPE bigint`,
      `ALTER TABLE "Label" ALTER COLUMN "hotkey" SET NOT NULL`,
      `ALTER TABLE "Project" ALTER COLUMN "description" DROP DEFAULT`,
    ]);
    expect(diff.unexpected.sort()).toEqual(
      [
        columnFact("Project", "extra", "text", false, null),
        columnFact("Document", "length", "bigint", true, null),
        columnFact("Label", "hotkey", "text", true, null),
        columnFact("Project", "description", "text", true, null),
      ].sort(),
    );
    expect(diff.missing.sort()).toEqual(
      [
        indexFact("Annotation", "Annotation_labelId_idx", ["labelId"], false),
        columnFact("Document", "length", "integer", true, null),
        columnFact("Label", "hotkey", "text", false, null),
        columnFact("Project", "description", "text", true, "''::text"),
      ].sort(),
    );
    const report = formatDiff(diff);
    expect(report).toContain('+ column "Project"."extra" text NULL');
    expect(report).toContain('- index "Annotation_labelId_idx" on "Annotation" ("labelId") using btree');
  });

  it("reports changed foreign keys, unique indexes, index column order and enum values", async () => {
    const diff = await driftAfter([
      `ALTER TABLE "Membership" DROP CONSTRAINT "Membership_userId_fkey"`,
      `ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE`,
      `DROP INDEX "User_email_key"`,
      `CREATE INDEX "User_email_key" ON "User"("email")`,
      `DROP INDEX "AuditEvent_subjectType_subjectId_idx"`,
      `CREATE INDEX "AuditEvent_subjectType_subjectId_idx" ON "AuditEvent"("subjectId", "subjectType")`,
      `ALTER TYPE "Role" ADD VALUE 'guest'`,
    ]);
    expect(diff.missing.sort()).toEqual(
      [
        foreignKeyFact("Membership", "Membership_userId_fkey", ["userId"], "User", ["id"], "CASCADE", "CASCADE"),
        indexFact("User", "User_email_key", ["email"], true),
        indexFact("AuditEvent", "AuditEvent_subjectType_subjectId_idx", ["subjectType", "subjectId"], false),
        enumFact("Role", ["owner", "reviewer", "annotator", "viewer"]),
      ].sort(),
    );
    expect(diff.unexpected.sort()).toEqual(
      [
        foreignKeyFact("Membership", "Membership_userId_fkey", ["userId"], "User", ["id"], "RESTRICT", "CASCADE"),
        indexFact("User", "User_email_key", ["email"], false),
        indexFact("AuditEvent", "AuditEvent_subjectType_subjectId_idx", ["subjectId", "subjectType"], false),
        enumFact("Role", ["owner", "reviewer", "annotator", "viewer", "guest"]),
      ].sort(),
    );
  });

  it("reports undeclared tables, enums, indexes and foreign keys, and dropped tables", async () => {
    const diff = await driftAfter([
      `CREATE TYPE "Mood" AS ENUM ('happy')`,
      `CREATE TABLE "Stray" (id serial PRIMARY KEY, "userId" text REFERENCES "User"(id))`,
      `CREATE INDEX "Stray_userId_idx" ON "Stray"("userId")`,
      `DROP TABLE "SignInThrottle"`,
    ]);
    expect(diff.unexpected).toEqual(
      expect.arrayContaining([
        enumFact("Mood", ["happy"]),
        tableFact("Stray"),
        `sequence "Stray_id_seq"`,
        columnFact("Stray", "id", "integer", true, `nextval('"Stray_id_seq"'::regclass)`),
        primaryKeyFact("Stray", "Stray_pkey", ["id"]),
        indexFact("Stray", "Stray_userId_idx", ["userId"], false),
        foreignKeyFact("Stray", "Stray_userId_fkey", ["userId"], "User", ["id"], "NO ACTION", "NO ACTION"),
      ]),
    );
    expect(diff.missing).toEqual(
      expect.arrayContaining([
        tableFact("SignInThrottle"),
        columnFact("SignInThrottle", "failures", "integer", true, "0"),
        primaryKeyFact("SignInThrottle", "SignInThrottle_pkey", ["key"]),
      ]),
    );
  });

  it("ignores CHECK constraints and triggers, as Prisma does", async () => {
    const diff = await driftAfter([
      `ALTER TABLE "Label" ADD CONSTRAINT "Label_color_check" CHECK (color ~ '^#')`,
      `CREATE TRIGGER "Label_noop" BEFORE UPDATE ON "Label" FOR EACH ROW EXECUTE FUNCTION tracewell_audit_append_only()`,
    ]);
    expectNoDrift(diff);
  });

  it("reports a changed or dropped Unsupported(…) column and its index", async () => {
    const gist = await driftAfter([
      `DROP INDEX "Document_searchVector_idx"`,
      `CREATE INDEX "Document_searchVector_idx" ON "Document" USING GIST ("searchVector")`,
    ]);
    expect(gist).toEqual({
      missing: [indexFact("Document", "Document_searchVector_idx", ["searchVector"], false, "gin")],
      unexpected: [indexFact("Document", "Document_searchVector_idx", ["searchVector"], false, "gist")],
    });

    const retyped = await driftAfter([
      `DROP INDEX "Document_searchVector_idx"`,
      `ALTER TABLE "Document" ALTER COLUMN "searchVector" TYPE text, ALTER COLUMN "searchVector" SET NOT NULL`,
    ]);
    expect(retyped.missing.sort()).toEqual(
      [
        columnFact("Document", "searchVector", "tsvector", false, null),
        indexFact("Document", "Document_searchVector_idx", ["searchVector"], false, "gin"),
      ].sort(),
    );
    expect(retyped.unexpected).toEqual([columnFact("Document", "searchVector", "text", true, null)]);

    const dropped = await driftAfter([`ALTER TABLE "Document" DROP COLUMN "searchVector"`]);
    expect(dropped.missing.sort()).toEqual(
      [
        columnFact("Document", "searchVector", "tsvector", false, null),
        indexFact("Document", "Document_searchVector_idx", ["searchVector"], false, "gin"),
      ].sort(),
    );
    expect(dropped.unexpected).toEqual([]);
  });

  it("reports a schema change that has no migration", async () => {
    const changed = schema
      .replace(/model Project \{\n/, "model Project {\n  archived Boolean @default(false)\n")
      .replace("@@index([labelId])", "@@index([labelId, status])");
    const diff = await withClient(currentDatabaseUrl(), (client) => detectDrift(changed, client));
    expect(diff.missing.sort()).toEqual(
      [
        columnFact("Project", "archived", "boolean", true, "false"),
        indexFact("Annotation", "Annotation_labelId_status_idx", ["labelId", "status"], false),
      ].sort(),
    );
    expect(diff.unexpected).toEqual([indexFact("Annotation", "Annotation_labelId_idx", ["labelId"], false)]);
  });
});
