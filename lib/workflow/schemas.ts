import { z } from "zod";

const ZUserId = z.string().trim().min(1).max(200);

export const ZSubmit = z.strictObject({
  comment: z.string().max(4000).optional().describe("a note to the reviewer"),
});

export const ZRequestChanges = z.strictObject({
  // Required, but checked by the service (422 like a rejection without a reason), not here (400).
  comment: z.string().max(4000).optional().describe("required: what the annotators should change"),
});

export const ZSignOff = z.strictObject({
  annotationSetHash: z
    .string({ error: (issue) => (issue.input === undefined ? "annotationSetHash is required: send the hash you were shown" : undefined) })
    .regex(/^[0-9a-f]{64}$/, "annotationSetHash must be 64 lowercase hex digits (SHA-256)")
    .describe("the annotation set hash the signer was shown (GET …/workflow: annotationSet.hash)"),
});

export const ZAssignees = z.strictObject({
  annotators: z.array(ZUserId).max(100).describe("user ids of project members who annotate this document"),
  reviewer: ZUserId.nullable().describe("user id of an owner or reviewer of the project, or null"),
});

/** The document list's bulk form: the same assignment for several documents at once. */
export const ZBulkAssignees = ZAssignees.extend({
  documentIds: z.array(z.string().trim().min(1).max(200)).min(1, "Choose at least one document").max(500),
});
