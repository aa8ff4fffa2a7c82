import type { RouteConfig } from "@asteasolutions/zod-to-openapi";
import type { OpenApiHelpers } from "./openapi-helpers";
import { z } from "zod";
import { ANNOTATION_EVENT_TYPES } from "@/lib/live/feed";
import { ZEventsQuery, ZPresenceUpdate } from "@/lib/live/schemas";

/** The live-update routes of the OpenAPI document (issue 13); the shared helpers come from openapi.ts. */
export function liveRoutes({
  json,
  errors,
}: OpenApiHelpers): RouteConfig[] {
  const stream = {
    200: {
      description:
        "`text/event-stream`, never compressed or buffered. Each change: `id:` a cursor that increases in commit order (its position in " +
        "the sealed audit log), `event:` its type, `data:` one line of JSON. `event: presence` (no `id:`) lists who has the document (or which " +
        "document of the project) open. A change's data is `{ type, at, actor: { id, name }, annotation }`, `annotation` exactly what " +
        `GET /annotations/{id}?include=deleted returns at that version; types: ${ANNOTATION_EVENT_TYPES.join(", ")}. ` +
        "`event: reset` (with the current cursor as `id:`): the cursor asked for is older than the replay " +
        "window (TRACEWELL_LIVE_REPLAY_HOURS, default 24) or unknown here — reload, then go on. A `: keep-alive` comment every 15 s. The stream " +
        "ends when the caller loses access (within seconds of losing membership, the session or the token).",
      content: { "text/event-stream": { schema: z.string().describe("Server-Sent Events"), example: `id: 42\nevent: annotation.created\ndata: {"type":"annotation.created",…}\n\n` } },
    },
    ...errors(400, 401, 404),
  };
  const headers = z.object({ "last-event-id": z.string().optional().describe("resume after this cursor (browsers send it when they reconnect); wins over ?lastEventId=") });
  const routes: RouteConfig[] = [
    { method: "get", path: "/documents/{documentId}/events", summary: "Live changes of the document's annotations and who has it open (Server-Sent Events; anyone who may read it)",
      request: { params: z.object({ documentId: z.string() }), query: ZEventsQuery, headers }, responses: stream },
    { method: "get", path: "/projects/{projectId}/events", summary: "Live changes of every annotation in the project and who works where (Server-Sent Events; members)",
      request: { params: z.object({ projectId: z.string() }), query: ZEventsQuery.pick({ lastEventId: true }), headers }, responses: stream },
    { method: "post", path: "/documents/{documentId}/presence", summary: "Move this tab's selection mark (shown to everyone with the document open); needs the tab's open event stream",
      request: { params: z.object({ documentId: z.string() }), body: { content: { "application/json": { schema: ZPresenceUpdate } } } },
      responses: { 204: { description: "Moved" }, ...errors(400, 401, 403, 404, 415) } },
    { method: "get", path: "/live", summary: "This instance's open event streams, presence and memory (instance admins only)",
      responses: { 200: json(z.object({ hub: z.record(z.string(), z.unknown()).nullable(), connections: z.number().int(), memory: z.record(z.string(), z.number()) }), "Statistics"), ...errors(401, 403) } },
  ];
  return routes;
}
