import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ERROR_STATUS } from "@/lib/errors";
import { ZAddMember, ZChangeRole, ZCreateProject, ZPageQuery, ZUpdateProject, ZRole } from "@/lib/projects/schemas";
import { ZCreateToken } from "@/lib/tokens/create-token";
import { ZChangePassword } from "@/lib/users/schemas";
import { ZListDocumentsQuery, ZPasteDocument, ZUpdateDocument } from "@/lib/documents/schemas";
import { ZClaimAttributes, ZEntityAttributes, ZFigureAttributes, ZOtherAttributes } from "@/lib/annotations/attributes";
import { ZAnnotation, ZAnnotationStatus } from "@/lib/annotations/shape";
import {
  ZCreateAnnotation,
  ZIncludeDeleted,
  ZListAnnotationsQuery,
  ZRestoreAnnotation,
  ZUpdateAnnotation,
} from "@/lib/annotations/schemas";
import { ZCreateLabel, ZDeleteLabelQuery, ZLabelKind, ZUpdateLabel } from "@/lib/labels/schemas";
import { ZExportQuery } from "@/lib/export/export-query";
import { ZImportQuery } from "@/lib/import/schemas";
import { ZAuditEventsQuery, ZConsistencyQuery, ZInclusionQuery } from "@/lib/audit/log-api";
import { liveRoutes } from "./openapi-live";
import { reviewRoutes } from "./openapi-review";
import { progressRoutes } from "./openapi-progress";
import { entityRoutes } from "./openapi-entities";
import { DOCUMENT_STATES } from "@/lib/workflow/states";

/**
 * The OpenAPI document of /api/v1. Request bodies and queries are the very zod schemas the
 * services parse with; response schemas below describe lib/api/presenters.ts.
 */

const ZError = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS]),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

const ZUserOut = z.object({ id: z.string(), email: z.string(), name: z.string(), isAdmin: z.boolean(), createdAt: z.iso.datetime() });
const ZLabelOut = z.object({
  id: z.string(),
  name: z.string(),
  kind: ZLabelKind,
  color: z.string(),
  hotkey: z.string().nullable(),
  description: z.string(),
  annotationCount: z.number().int().optional().describe("annotations using the label (label lists and label routes)"),
});
const ZAttributes = z
  .union([ZFigureAttributes, ZEntityAttributes, ZClaimAttributes, ZOtherAttributes])
  .describe("by the label's kind: figure, entity, claim, or a flat record for project-defined labels");
const ZAnnotationOut = ZAnnotation.extend({ attributes: ZAttributes });
const ZRevisionOut = z.object({
  annotationId: z.string(),
  version: z.number().int().describe("(annotationId, version) names this revision for good"),
  op: z.enum(["baseline", "created", "updated", "deleted", "restored"]).describe("baseline: the state when revisions began (migration)"),
  documentId: z.string(),
  labelId: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  exact: z.string(),
  prefix: z.string(),
  suffix: z.string(),
  attributes: ZAttributes,
  status: ZAnnotationStatus,
  deleted: z.boolean(),
  actorId: z.string(),
  createdAt: z.iso.datetime(),
});
const ZProjectOut = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  role: ZRole,
  memberCount: z.number().int(),
  documentCount: z.number().int(),
  labels: z.array(ZLabelOut).optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
const ZMemberOut = z.object({ userId: z.string(), email: z.string(), name: z.string(), role: ZRole, since: z.iso.datetime() });
const ZTokenOut = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scope: z.enum(["read", "write"]).describe("read: GET only (any write is 403); write: whatever the user may do"),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
});
const ZDocumentMetadataOut = z.object({
  author: z.string().nullable(),
  publisher: z.string().nullable(),
  publishedOn: z.iso.date().nullable(),
  sourceUrl: z.string().nullable(),
  retrievedOn: z.iso.date().nullable(),
  language: z.string().nullable(),
  direction: z.enum(["ltr", "rtl", "auto"]).nullable(),
});
const ZDocumentSummaryOut = z.object({
  id: z.string(),
  title: z.string(),
  metadata: ZDocumentMetadataOut,
  sha256: z.string().describe("sha256 (hex) of the canonical text's UTF-8 bytes"),
  length: z.number().int().describe("length of the canonical text in Unicode code points"),
  original: z.object({ filename: z.string().nullable(), mediaType: z.string(), size: z.number().int().nullable() }).nullable(),
  annotationCount: z.number().int().optional(),
  snippet: z
    .object({ text: z.string(), highlights: z.array(z.object({ start: z.number().int(), end: z.number().int() })) })
    .optional()
    .describe("search hit: a passage and the code-point ranges in it that matched"),
  workflow: z
    .object({
      state: z.enum(DOCUMENT_STATES),
      reviewer: z.object({ id: z.string(), name: z.string() }).nullable(),
      annotators: z.array(z.object({ id: z.string(), name: z.string() })),
    })
    .optional()
    .describe("lists only: the review workflow's state (no workflow yet: not_started) and the assignees"),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
const ZDocumentOut = ZDocumentSummaryOut.extend({
  projectId: z.string(),
  text: z.string().describe("the canonical text; offsets are Unicode code points, half-open"),
  offsetUnit: z.string(),
  profile: z.record(z.string(), z.unknown()),
  extraction: z.record(z.string(), z.unknown()),
  uploadedBy: z.object({ id: z.string(), email: z.string(), name: z.string() }).nullable(),
});
const ZUploadResults = z.object({
  results: z.array(
    z.object({
      filename: z.string(),
      status: z.enum(["created", "duplicate", "error"]),
      document: ZDocumentSummaryOut.optional(),
      error: ZError.shape.error.optional(),
    }),
  ),
});

const list = <T extends z.ZodType>(key: string, item: T) =>
  z.object({ [key]: z.array(item), nextCursor: z.string().nullable() });

const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, json(ZError, "Error (see `error.code`)")]));

const projectParams = z.object({ projectId: z.string() });
const documentParams = z.object({ documentId: z.string() });
const annotationParams = z.object({ annotationId: z.string() });
const labelParams = z.object({ labelId: z.string() });

// The audit log (issue 12): hashes are lowercase hex, signatures and public keys base64.
const ZSealLag = z.object({ unsealed: z.number().int(), lagMs: z.number().int() });
const ZCheckpointOut = z.object({ treeSize: z.number().int(), rootHash: z.string(), timestamp: z.iso.datetime(), signature: z.string(), publicKey: z.string() });
const ZSealedEventsOut = z.object({
  events: z.array(z.object({ seq: z.number().int(), leafHash: z.string(), event: z.record(z.string(), z.unknown()).describe("Exactly the JSON whose RFC 8785 bytes the leaf hashes") })),
});
function auditRoutes(): RouteConfig[] {
  const admins = "; instance admins only";
  return [
    { method: "get", path: "/audit/checkpoint", summary: `The latest signed checkpoint (Ed25519 over JCS of { treeSize, rootHash, timestamp })${admins}`,
      responses: { 200: json(ZCheckpointOut, "The checkpoint"), ...errors(401, 403, 404) } },
    { method: "get", path: "/audit/events", summary: `Sealed events from seq \`from\`${admins}`, request: { query: ZAuditEventsQuery },
      responses: { 200: json(ZSealedEventsOut, "A page of sealed events"), ...errors(400, 401, 403) } },
    { method: "get", path: "/audit/proof/inclusion", summary: `RFC 6962 audit path of event \`seq\` in the tree of \`treeSize\` events${admins}`, request: { query: ZInclusionQuery },
      responses: { 200: json(z.object({ seq: z.number().int(), leafIndex: z.number().int(), treeSize: z.number().int(), leafHash: z.string(), rootHash: z.string(), auditPath: z.array(z.string()) }), "The proof"), ...errors(400, 401, 403, 422) } },
    { method: "get", path: "/audit/proof/consistency", summary: `RFC 6962 consistency proof between the trees of \`from\` and \`to\` events${admins}`, request: { query: ZConsistencyQuery },
      responses: { 200: json(z.object({ from: z.number().int(), to: z.number().int(), fromRoot: z.string(), toRoot: z.string(), proof: z.array(z.string()) }), "The proof"), ...errors(400, 401, 403, 422) } },
    { method: "get", path: "/projects/{projectId}/audit", summary: "The project's sealed audit history, each event with its seq and leaf hash (members)",
      request: { params: z.object({ projectId: z.string() }), query: ZAuditEventsQuery },
      responses: { 200: json(ZSealedEventsOut, "A page of sealed events"), ...errors(400, 401, 404) } },
  ];
}

const routes: RouteConfig[] = [
  { method: "get", path: "/health", summary: "Service and database status", security: [],
    responses: { 200: json(z.object({ status: z.literal("ok"), db: z.literal("up"), seal: ZSealLag.optional().describe("Instance admins only") }), "Healthy"), 503: json(z.object({ status: z.string(), db: z.string() }), "Database unreachable") } },
  ...auditRoutes(),
  { method: "get", path: "/me", summary: "The calling user",
    responses: { 200: json(ZUserOut.extend({ authenticatedVia: z.enum(["session", "token"]) }), "The user"), ...errors(401) } },
  { method: "post", path: "/me/password", summary: "Change your password (needs the current one); ends every session of the account",
    request: { body: { content: { "application/json": { schema: ZChangePassword } } } },
    responses: { 204: { description: "Changed; sign in again" }, ...errors(400, 401, 403, 415, 422, 429) } },
  { method: "delete", path: "/me/sessions", summary: "Sign out everywhere: end every browser session of the account (tokens stay valid)",
    responses: { 200: json(z.object({ ended: z.number().int() }), "How many sessions were ended"), ...errors(401, 403) } },
  { method: "get", path: "/openapi.json", summary: "This OpenAPI 3.1 document", security: [], responses: { 200: { description: "The OpenAPI document" } } },
  { method: "get", path: "/projects", summary: "Projects the caller is a member of", request: { query: ZPageQuery },
    responses: { 200: json(list("projects", ZProjectOut), "A page of projects"), ...errors(400, 401) } },
  { method: "post", path: "/projects", summary: "Create a project (the caller becomes its owner)",
    request: { body: { content: { "application/json": { schema: ZCreateProject } } } },
    responses: { 201: json(ZProjectOut, "The new project"), ...errors(400, 401, 415) } },
  { method: "get", path: "/projects/{projectId}", summary: "One project with its labels", request: { params: projectParams },
    responses: { 200: json(ZProjectOut, "The project"), ...errors(401, 404) } },
  { method: "patch", path: "/projects/{projectId}", summary: "Rename or describe a project (owner)",
    request: { params: projectParams, body: { content: { "application/json": { schema: ZUpdateProject } } } },
    responses: { 200: json(ZProjectOut, "The updated project"), ...errors(400, 401, 403, 404, 415) } },
  { method: "get", path: "/projects/{projectId}/labels", summary: "The project's labels, with how many annotations use each",
    request: { params: projectParams },
    responses: { 200: json(list("labels", ZLabelOut), "Labels"), ...errors(401, 404) } },
  { method: "post", path: "/projects/{projectId}/labels", summary: "Add a label (owner); name and hotkey unique in the project",
    request: { params: projectParams, body: { content: { "application/json": { schema: ZCreateLabel } } } },
    responses: { 201: json(ZLabelOut, "The new label"), ...errors(400, 401, 403, 404, 409, 415) } },
  { method: "get", path: "/labels/{labelId}", summary: "One label", request: { params: labelParams },
    responses: { 200: json(ZLabelOut, "The label"), ...errors(401, 404) } },
  { method: "patch", path: "/labels/{labelId}", summary: "Change a label (owner); its kind only while no annotation uses it",
    request: { params: labelParams, body: { content: { "application/json": { schema: ZUpdateLabel } } } },
    responses: { 200: json(ZLabelOut, "The label"), ...errors(400, 401, 403, 404, 409, 415) } },
  { method: "delete", path: "/labels/{labelId}",
    summary: "Delete a label (owner); one in use answers 409 with its annotation count unless reassignTo moves them (each move audited)",
    request: { params: labelParams, query: ZDeleteLabelQuery },
    responses: { 204: { description: "Deleted" }, ...errors(401, 403, 404, 409, 422) } },
  { method: "get", path: "/projects/{projectId}/members", summary: "Members and their roles", request: { params: projectParams },
    responses: { 200: json(list("members", ZMemberOut), "Members"), ...errors(401, 404) } },
  { method: "post", path: "/projects/{projectId}/members", summary: "Add an existing account by email (owner)",
    request: { params: projectParams, body: { content: { "application/json": { schema: ZAddMember } } } },
    responses: { 201: json(ZMemberOut, "The new member"), ...errors(400, 401, 403, 404, 409, 415, 422) } },
  { method: "patch", path: "/projects/{projectId}/members/{userId}", summary: "Change a member's role (owner)",
    request: { params: projectParams.extend({ userId: z.string() }), body: { content: { "application/json": { schema: ZChangeRole } } } },
    responses: { 200: json(ZMemberOut, "The member"), ...errors(400, 401, 403, 404, 409, 415) } },
  { method: "delete", path: "/projects/{projectId}/members/{userId}", summary: "Remove a member (owner; never the last owner)",
    request: { params: projectParams.extend({ userId: z.string() }) },
    responses: { 204: { description: "Removed" }, ...errors(401, 403, 404, 409) } },
  { method: "get", path: "/projects/{projectId}/documents", summary: "Documents: full-text search (q), filters, sort, cursor pagination",
    request: { params: projectParams, query: ZListDocumentsQuery },
    responses: { 200: json(list("documents", ZDocumentSummaryOut), "A page of documents"), ...errors(400, 401, 404) } },
  { method: "post", path: "/projects/{projectId}/documents",
    summary: "Upload files (multipart `file` fields: .txt .md .html .pdf .docx .zip) or paste a text (JSON)",
    request: {
      params: projectParams,
      body: {
        content: {
          "multipart/form-data": { schema: z.object({ file: z.array(z.string().describe("binary")) }) },
          "application/json": { schema: ZPasteDocument },
        },
      },
    },
    responses: {
      201: json(z.union([ZUploadResults, ZDocumentSummaryOut.extend({ status: z.enum(["created", "duplicate"]) })]), "Stored (multipart: per-file results)"),
      200: json(z.union([ZUploadResults, ZDocumentSummaryOut.extend({ status: z.literal("duplicate") })]), "Nothing new: duplicates (and errors)"),
      ...errors(400, 401, 403, 404, 413, 415, 422),
    } },
  { method: "get", path: "/documents/{documentId}", summary: "One document with its canonical text, hashes, profile and extraction recipe",
    request: { params: z.object({ documentId: z.string() }) },
    responses: { 200: json(ZDocumentOut, "The document"), ...errors(401, 404) } },
  { method: "patch", path: "/documents/{documentId}", summary: "Edit source metadata (the text never changes)",
    request: { params: z.object({ documentId: z.string() }), body: { content: { "application/json": { schema: ZUpdateDocument } } } },
    responses: { 200: json(ZDocumentOut, "The document"), ...errors(400, 401, 403, 404, 415) } },
  { method: "delete", path: "/documents/{documentId}", summary: "Delete a document without annotations (owner)",
    request: { params: z.object({ documentId: z.string() }) },
    responses: { 204: { description: "Deleted" }, ...errors(401, 403, 404, 409) } },
  { method: "get", path: "/documents/{documentId}/original", summary: "The uploaded file, byte for byte (Repr-Digest carries its sha256)",
    request: { params: z.object({ documentId: z.string() }) },
    responses: { 200: { description: "The original bytes", content: { "application/octet-stream": { schema: z.string().describe("binary") } } }, ...errors(401, 404) } },
  { method: "get", path: "/documents/{documentId}/annotations", summary: "Every annotation of the document, ordered by start, end, id",
    request: { params: documentParams, query: ZListAnnotationsQuery },
    responses: { 200: json(list("annotations", ZAnnotationOut), "All annotations (nextCursor is always null)"), ...errors(400, 401, 404) } },
  { method: "post", path: "/documents/{documentId}/annotations",
    summary: "Annotate [start, end) in code points; exact must equal the text there (422), attributes fit the label's kind",
    request: { params: documentParams, body: { content: { "application/json": { schema: ZCreateAnnotation.extend({ attributes: ZAttributes.optional() }) } } } },
    responses: {
      201: json(ZAnnotationOut, "The annotation"),
      200: json(ZAnnotationOut, "The stored annotation: a repeat of the same request with the same client-chosen id (nothing written)"),
      ...errors(400, 401, 403, 404, 409, 415, 422),
    } },
  { method: "get", path: "/annotations/{annotationId}", summary: "One annotation; a deleted one is 404 unless ?include=deleted",
    request: { params: annotationParams, query: ZIncludeDeleted },
    responses: { 200: json(ZAnnotationOut, "The annotation"), ...errors(400, 401, 404) } },
  { method: "get", path: "/annotations/{annotationId}/revisions", summary: "Every stored revision of the annotation, oldest first (deleted ones too)",
    request: { params: annotationParams },
    responses: { 200: json(list("revisions", ZRevisionOut), "Revisions (nextCursor is always null)"), ...errors(401, 404) } },
  { method: "post", path: "/annotations/{annotationId}/restore",
    summary: "Bring a deleted annotation back with the same id, author and history; send its current version (409 if stale or not deleted)",
    request: { params: annotationParams, body: { content: { "application/json": { schema: ZRestoreAnnotation } } } },
    responses: { 200: json(ZAnnotationOut, "The restored annotation (version + 1)"), ...errors(400, 401, 403, 404, 409, 415, 422) } },
  { method: "patch", path: "/annotations/{annotationId}",
    summary: "Change an annotation you may change (annotators: their own); a stale version answers 409 with details.current",
    request: { params: annotationParams, body: { content: { "application/json": { schema: ZUpdateAnnotation.extend({ attributes: ZAttributes.optional() }) } } } },
    responses: { 200: json(ZAnnotationOut, "The annotation"), ...errors(400, 401, 403, 404, 409, 415, 422) } },
  { method: "delete", path: "/annotations/{annotationId}", summary: "Delete an annotation (it stays as a tombstone: POST …/restore brings it back); send ?version=N (or { version } as JSON)",
    request: { params: annotationParams, query: z.object({ version: z.coerce.number().int().min(1).optional() }) },
    responses: { 204: { description: "Deleted" }, ...errors(400, 401, 403, 404, 409) } },
  { method: "get", path: "/projects/{projectId}/export",
    summary: "Download the corpus in one format, streamed from a database snapshot (owners and reviewers); not audited",
    description:
      "Documents (ordered by creation) with their annotations (by start, end, id); offsets are Unicode code points, half-open. " +
      "With a label, status or author filter only documents holding a matching annotation are exported; signedOff=true keeps " +
      "only documents whose review workflow state is signed_off (any value but true or false is a 400). Every file states the " +
      "Tracewell version, export time, filters, offset unit, canonicalization and each document's sha256, workflow state and " +
      "current sign-off ({ id, signer, at, annotationSetHash, accepted, rejected } or null); every annotation carries its status " +
      "and newest review ({ decision, reason, reviewer, at, version } or null). An error after the first bytes aborts the " +
      "download (the file then lacks its end record or manifest).",
    request: { params: projectParams, query: ZExportQuery },
    responses: {
      200: {
        description: "The export as an attachment: jsonl and spacy as NDJSON, w3c as JSON-LD, conll as text, brat and csv as zips",
        content: Object.fromEntries(
          ["application/x-ndjson", 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"', "application/zip", "text/plain"].map((type) => [type, { schema: z.string().describe("binary") }]),
        ),
      },
      ...errors(400, 401, 403, 404, 422),
    } },
  { method: "post", path: "/projects/{projectId}/import",
    summary: "Import an export (jsonl, w3c, brat zip, spacy): checked whole, then written in one audited transaction (owners and reviewers)",
    description:
      "Documents are matched by sha256 (W3C: by the sha256 in its manifest, else the document id) or created from the file's text; " +
      "labels are matched by name and never created. Any problem writes nothing and answers 422 with `error.details` = " +
      "`{ ok: false, errors: [{ document, index, annotationId?, message }], more }`.",
    request: {
      params: projectParams,
      query: ZImportQuery,
      body: {
        content: {
          "multipart/form-data": { schema: z.object({ file: z.string().describe("binary") }) },
          "application/octet-stream": { schema: z.string().describe("binary: the file itself") },
        },
      },
    },
    responses: {
      201: json(
        z.object({
          ok: z.literal(true),
          format: ZImportQuery.shape.format,
          documents: z.object({ created: z.number().int(), matched: z.number().int() }),
          annotations: z.number().int(),
        }),
        "Imported",
      ),
      ...errors(400, 401, 403, 404, 409, 413, 422),
    } },
  { method: "get", path: "/tokens", summary: "The caller's personal access tokens (never their secrets)",
    responses: { 200: json(list("tokens", ZTokenOut), "Tokens"), ...errors(401) } },
  { method: "post", path: "/tokens", summary: "Create a personal access token (session only: a token gets 403); `token` is shown only in this response. Defaults: scope read, 90 days (1–365)",
    request: { body: { content: { "application/json": { schema: ZCreateToken } } } },
    responses: { 201: json(ZTokenOut.extend({ token: z.string() }), "The token and its secret"), ...errors(400, 401, 403, 415) } },
  { method: "delete", path: "/tokens/{tokenId}", summary: "Revoke a token", request: { params: z.object({ tokenId: z.string() }) },
    responses: { 200: json(ZTokenOut, "The revoked token"), ...errors(401, 404) } },
];

export function openApiDocument(serverUrl = "/api/v1") {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer", description: "Personal access token (tw_…)" });
  registry.registerComponent("securitySchemes", "session", { type: "apiKey", in: "cookie", name: "next-auth.session-token" });
  const more = [...liveRoutes({ json, errors }), ...reviewRoutes({ json, errors, annotation: ZAnnotationOut }), ...progressRoutes({ json, errors }), ...entityRoutes({ json, errors, annotation: ZAnnotationOut })];
  for (const route of [...routes, ...more]) registry.registerPath(route);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Tracewell API",
      version: "1",
      description:
        "Errors are `{ error: { code, message, details? } }`. Resources of projects you are not a member of answer 404.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }, { session: [] }],
  });
}
