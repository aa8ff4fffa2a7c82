import { apiRoute, readJson } from "@/lib/api/handler";
import { presentAnnotation } from "@/lib/api/presenters";
import { authorizeAnnotation } from "@/lib/annotations/authorize-annotation";
import { restoreAnnotation } from "@/lib/annotations/delete-annotation";

type Params = { annotationId: string };

/** `{ version }` of the tombstone: brings it back with the same id, author and history (version + 1). */
export const POST = apiRoute<Params>(async ({ req, params, principal }) => {
  const access = await authorizeAnnotation({ principal, annotationId: params.annotationId, intent: "write", includeDeleted: true });
  return presentAnnotation(await restoreAnnotation({ actorId: principal.userId, access, input: await readJson(req) }));
});
