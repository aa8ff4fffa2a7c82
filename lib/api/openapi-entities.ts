import type { RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ENTITY_TYPES } from "@/lib/annotations/attribute-values";
import { ZCreateEntity, ZListEntitiesQuery, ZMergeEntities, ZUpdateEntity } from "@/lib/entities/schemas";

/** The entity routes of the OpenAPI document (issue 15); the shared helpers come from openapi.ts. */
export function entityRoutes({
  json,
  errors,
}: {
  json: (schema: z.ZodType, description: string) => object;
  errors: (...statuses: number[]) => Record<string, object>;
}): RouteConfig[] {
  const ZEntity = z.object({
    id: z.string(),
    projectId: z.string(),
    name: z.string(),
    type: z.enum(ENTITY_TYPES),
    aliases: z.array(z.string()),
    description: z.string(),
    externalIds: z.record(z.string(), z.string()),
    mergedIntoId: z.string().nullable().describe("set once merged into another entity: links to it count there"),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  });
  const ZMention = z.object({
    annotationId: z.string(),
    start: z.number().int().describe("Unicode code points, half-open"),
    end: z.number().int(),
    exact: z.string(),
    before: z.string().describe("up to 60 code points before"),
    after: z.string().describe("up to 60 code points after"),
    status: z.string(),
    label: z.string(),
  });
  const entity = { params: z.object({ entityId: z.string() }) };
  const body = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
  return [
    { method: "get", path: "/projects/{projectId}/entities", summary: "The project's entities (merged ones excepted); q searches names and aliases in any case",
      request: { params: z.object({ projectId: z.string() }), query: ZListEntitiesQuery },
      responses: { 200: json(z.object({ entities: z.array(ZEntity) }), "Entities"), ...errors(400, 401, 404) } },
    { method: "post", path: "/projects/{projectId}/entities", summary: "Create a canonical entity (owners, reviewers, annotators)",
      request: { params: z.object({ projectId: z.string() }), body: body(ZCreateEntity) },
      responses: { 201: json(ZEntity, "The entity"), ...errors(400, 401, 403, 404, 415) } },
    { method: "get", path: "/entities/{entityId}", summary: "One entity", request: entity, responses: { 200: json(ZEntity, "The entity"), ...errors(401, 404) } },
    { method: "patch", path: "/entities/{entityId}", summary: "Change an entity; aliases and externalIds replace the old ones (409 for a merged entity)",
      request: { ...entity, body: body(ZUpdateEntity) }, responses: { 200: json(ZEntity, "The entity"), ...errors(400, 401, 403, 404, 409, 415) } },
    { method: "delete", path: "/entities/{entityId}", summary: "Delete an entity nothing links to (owners, reviewers); 409 with the count otherwise",
      request: entity, responses: { 204: { description: "Deleted" }, ...errors(401, 403, 404, 409) } },
    { method: "post", path: "/entities/{entityId}/merge",
      summary: "Merge entities into this one (owners, reviewers): names, aliases, external ids and links move; the merged ones stay as redirects",
      request: { ...entity, body: body(ZMergeEntities) }, responses: { 200: json(ZEntity, "The entity merged into"), ...errors(400, 401, 403, 404, 409, 415, 422) } },
    { method: "get", path: "/entities/{entityId}/mentions", summary: "Every annotation linking to the entity, by document, with keyword-in-context",
      request: entity,
      responses: { 200: json(z.object({ documents: z.array(z.object({ document: z.object({ id: z.string(), title: z.string() }), mentions: z.array(ZMention) })) }), "Mentions"), ...errors(401, 404) } },
  ];
}
