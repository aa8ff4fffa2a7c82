import type { RouteConfig } from "@asteasolutions/zod-to-openapi";
import type { OpenApiHelpers } from "./openapi-helpers";
import { z } from "zod";
import { ZReviewAnnotation } from "@/lib/annotations/schemas";
import { ZAssignees, ZBulkAssignees, ZRequestChanges, ZSignOff, ZSubmit } from "@/lib/workflow/schemas";
import { DOCUMENT_STATES } from "@/lib/workflow/states";

/** The review and sign-off routes of the OpenAPI document (issue 14); the shared helpers come from openapi.ts. */
export function reviewRoutes({
  json,
  errors,
  annotation,
}: OpenApiHelpers & {
  annotation: z.ZodType;
}): RouteConfig[] {
  const ZState = z.enum(DOCUMENT_STATES);
  const ZUser = z.object({ id: z.string(), name: z.string(), email: z.string() });
  const ZCause = z.object({ annotationId: z.string(), version: z.number().int(), op: z.string() });
  const ZSignOffOut = z.object({
    id: z.string(),
    signer: ZUser,
    at: z.iso.datetime(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    annotationSetHash: z.string().describe("lowercase hex SHA-256 of the lines `id\\tversion\\tstatus\\n` of the live annotations, ids in code-point order"),
    superseded: ZCause.extend({ at: z.iso.datetime(), by: ZUser }).nullable().describe("the change that reopened the document"),
  });
  const ZWorkflow = z.object({
    documentId: z.string(),
    state: ZState,
    stateSince: z.iso.datetime().nullable(),
    assignees: z.object({ annotators: z.array(ZUser), reviewer: ZUser.nullable() }),
    signOff: ZSignOffOut.nullable().describe("the newest sign-off, current (state signed_off) or superseded"),
    signOffs: z.array(ZSignOffOut),
    history: z.array(
      z.object({ from: ZState, to: ZState, at: z.iso.datetime(), actor: ZUser, comment: z.string().nullable(), signOffId: z.string().nullable(), cause: ZCause.nullable() }),
    ),
    annotationSet: z.object({
      hash: z.string().describe("what a sign-off now would sign"),
      total: z.number().int(),
      pending: z.number().int(),
      accepted: z.number().int(),
      rejected: z.number().int(),
    }),
  });
  const ZReview = z.object({
    id: z.string(),
    annotationId: z.string(),
    version: z.number().int().describe("the annotation version the decision produced"),
    decision: z.enum(["accept", "reject"]),
    reason: z.string().nullable(),
    correctedFrom: z.record(z.string(), z.unknown()).nullable().describe("a correct-and-accept: the changed fields as they were"),
    reviewer: z.object({ id: z.string(), name: z.string() }),
    at: z.iso.datetime(),
  });
  const doc = { params: z.object({ documentId: z.string() }) };
  const body = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
  const workflow = json(ZWorkflow, "The workflow as it now stands");
  return [
    { method: "post", path: "/annotations/{annotationId}/review",
      summary: "Accept, reject (reason required) or correct-and-accept (with changed fields) an annotation; owners and reviewers; a stale version → 409",
      request: { params: z.object({ annotationId: z.string() }), body: body(ZReviewAnnotation) },
      responses: { 200: json(annotation, "The annotation (a new version, status accepted or rejected)"), ...errors(400, 401, 403, 404, 409, 415, 422) } },
    { method: "get", path: "/annotations/{annotationId}/reviews", summary: "The annotation's review decisions, oldest first",
      request: { params: z.object({ annotationId: z.string() }) },
      responses: { 200: json(z.object({ reviews: z.array(ZReview) }), "Review history"), ...errors(401, 404) } },
    { method: "get", path: "/documents/{documentId}/workflow", summary: "The document's workflow state, assignees, sign-offs and history",
      request: doc, responses: { 200: workflow, ...errors(401, 404) } },
    { method: "post", path: "/documents/{documentId}/submit", summary: "Submit for review (not started, in progress or changes requested → in review); assigned annotators or owners when assigned",
      request: { ...doc, body: body(ZSubmit) }, responses: { 200: workflow, ...errors(400, 401, 403, 404, 409, 415) } },
    { method: "post", path: "/documents/{documentId}/request-changes", summary: "Send back with a comment (in review → changes requested); reviewers (the assigned one) and owners",
      request: { ...doc, body: body(ZRequestChanges) }, responses: { 200: workflow, ...errors(400, 401, 403, 404, 409, 415, 422) } },
    { method: "post", path: "/documents/{documentId}/sign-off",
      summary: "Sign off (in review → signed off) with the annotation set hash you were shown; 409 while any annotation is pending (naming the count) or when the hash differs",
      request: { ...doc, body: body(ZSignOff) }, responses: { 200: workflow, ...errors(400, 401, 403, 404, 409, 415) } },
    { method: "put", path: "/documents/{documentId}/assignees", summary: "Set the document's annotators and reviewer (owners)",
      request: { ...doc, body: body(ZAssignees) }, responses: { 200: workflow, ...errors(400, 401, 403, 404, 415, 422) } },
    { method: "put", path: "/projects/{projectId}/assignees", summary: "Assign the same annotators and reviewer to several documents at once (owners)",
      request: { params: z.object({ projectId: z.string() }), body: body(ZBulkAssignees) },
      responses: { 200: json(z.object({ documentIds: z.array(z.string()) }), "The documents assigned"), ...errors(400, 401, 403, 404, 415, 422) } },
    { method: "get", path: "/me/queue", summary: "Your assigned documents by state, those waiting for you first",
      responses: {
        200: json(
          z.object({
            documents: z.array(
              z.object({
                document: z.object({ id: z.string(), title: z.string(), projectId: z.string(), projectName: z.string() }),
                state: ZState,
                stateSince: z.iso.datetime(),
                as: z.array(z.enum(["annotator", "reviewer"])),
                yourTurn: z.boolean(),
              }),
            ),
            byState: z.record(ZState, z.number().int()),
          }),
          "Your queue",
        ),
        ...errors(401),
      } },
  ];
}
