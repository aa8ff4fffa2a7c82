import type { RouteConfig } from "@asteasolutions/zod-to-openapi";
import type { OpenApiHelpers } from "./openapi-helpers";
import { z } from "zod";
import { ENTITY_TYPES } from "@/lib/annotations/attribute-values";
import { ZCreateEntity, ZListEntitiesQuery, ZMergeEntities, ZUpdateEntity } from "@/lib/entities/schemas";
import { ZDecideSuggestion } from "@/lib/suggestions/decide-suggestions";
import { ZListSuggestionsQuery } from "@/lib/suggestions/list-suggestions";

/** The entity and dictionary-suggestion routes of the OpenAPI document (issue 15); the shared helpers come from openapi.ts. */
export function entityRoutes({
  json,
  errors,
  annotation,
}: OpenApiHelpers & {
  annotation: z.ZodType;
}): RouteConfig[] {
  const ZSuggestion = z.object({
    id: z.string(),
    start: z.number().int().describe("Unicode code points, half-open"),
    end: z.number().int(),
    exact: z.string().describe("always the code-point slice of the text"),
    label: z.object({ id: z.string(), name: z.string(), color: z.string() }),
    entityId: z.string().optional(),
    alias: z.string().optional().describe("the name or alias that matched"),
    attributes: z.record(z.string(), z.unknown()).optional(),
    source: z.enum(["alias", "figure"]),
    status: z.enum(["open", "accepted", "rejected"]),
    annotationId: z.string().optional(),
  });
  const suggestion = { params: z.object({ suggestionId: z.string() }), body: { content: { "application/json": { schema: ZDecideSuggestion } } } };
  const document = { params: z.object({ documentId: z.string() }), query: ZListSuggestionsQuery };
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
    { method: "get", path: "/documents/{documentId}/suggestions", summary: "The document's dictionary and figure suggestions (open unless ?status=)",
      request: document, responses: { 200: json(z.object({ suggestions: z.array(ZSuggestion) }), "Suggestions"), ...errors(400, 401, 404) } },
    { method: "post", path: "/documents/{documentId}/suggestions",
      summary: "Run the project's entity names and aliases (whole-word, any case, any script) and the figure detector over the document; decided spans are not proposed again",
      request: document,
      responses: { 200: json(z.object({ proposed: z.number().int(), withdrawn: z.number().int(), open: z.number().int(), suggestions: z.array(ZSuggestion) }), "Counts and the open suggestions"), ...errors(401, 403, 404, 409) } },
    { method: "post", path: "/suggestions/{suggestionId}/accept", summary: "Accept: the new annotation, linked to the entity; with { all: true } every open one of the same entity (or every figure): { annotations }",
      request: suggestion, responses: { 201: json(annotation, "The annotation"), ...errors(400, 401, 403, 404, 409, 415, 422) } },
    { method: "post", path: "/suggestions/{suggestionId}/reject", summary: "Reject (remembered); with { all: true } every open one of the same entity (or every figure)",
      request: suggestion, responses: { 200: json(z.object({ rejected: z.number().int() }), "How many"), ...errors(400, 401, 403, 404, 409, 415) } },
  ];
}
