import type { RouteConfig } from "@asteasolutions/zod-to-openapi";
import type { OpenApiHelpers } from "./openapi-helpers";
import { z } from "zod";
import { REVIEW_DOCUMENTS_SHOWN } from "@/lib/progress/types";
import { DOCUMENT_STATES } from "@/lib/workflow/states";

/** The project dashboard's route of the OpenAPI document (issue 14); the shared helpers come from openapi.ts. */
export function progressRoutes({
  json,
  errors,
}: OpenApiHelpers): RouteConfig[] {
  const count = z.number().int();
  const statuses = { pending: count, accepted: count, rejected: count };
  const ZProgress = z.object({
    documents: z.object({
      total: count,
      byState: z.object(Object.fromEntries(DOCUMENT_STATES.map((s) => [s, count]))).describe("a document without a workflow yet is not_started"),
    }),
    annotations: z.object({
      total: count.describe("live annotations (tombstones left out)"),
      byStatus: z.object(statuses),
      byLabel: z.array(z.object({ labelId: z.string(), name: z.string(), color: z.string(), total: count, ...statuses })).describe("every label of the project, most used first"),
      byAnnotator: z
        .array(
          z.object({
            userId: z.string(),
            name: z.string(),
            total: count,
            ...statuses,
            acceptanceRate: z.number().min(0).max(1).nullable().describe("accepted / (accepted + rejected) of their annotations; null while none is decided"),
          }),
        )
        .describe("every author of a live annotation, most annotations first"),
    }),
    throughput: z
      .array(
        z.object({
          day: z.string().describe("UTC day, YYYY-MM-DD"),
          created: count.describe("live annotations created that day (Annotation.createdAt)"),
          reviewed: count.describe("review decisions that day"),
          signedOff: count.describe("sign-offs that day, superseded ones included"),
        }),
      )
      .describe("every UTC day of the last 30 (or since the project was created), zeros included, oldest first"),
    timeInReview: z.object({
      documents: count.describe("documents ever in review"),
      medianHours: z.number().nullable().describe("null when no document was ever in review"),
      p90Hours: z.number().nullable().describe("90th percentile, linear interpolation"),
      byDocument: z
        .array(z.object({ documentId: z.string(), title: z.string(), hours: z.number(), open: z.boolean().describe("still in review: counted up to asOf") }))
        .describe(`the ${REVIEW_DOCUMENTS_SHOWN} longest, longest first; hours summed over every stay in review`),
    }),
    asOf: z.iso.datetime().describe("when the numbers were read"),
  });
  return [
    { method: "get", path: "/projects/{projectId}/progress",
      summary: "The project dashboard: documents by state, annotations by status, label and annotator, daily throughput, time in review (members)",
      request: { params: z.object({ projectId: z.string() }) },
      responses: { 200: json(ZProgress, "The project's progress, read from one snapshot"), ...errors(400, 401, 404) } },
  ];
}
