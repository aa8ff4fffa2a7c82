import { apiRoute, readJson } from "@/lib/api/handler";
import { presentAnnotation } from "@/lib/api/presenters";
import { gateAnnotation } from "@/lib/auth/gate";
import { restoreAnnotation } from "@/lib/annotations/delete-annotation";

type Params = { annotationId: string };

/** `{ version }` of the tombstone: brings it back with the same id, author and history (version + 1). */
export const POST = apiRoute<Params>(async ({ req, params, principal }) => {
  const access = await gateAnnotation({ principal, annotationId: params.annotationId, intent: "edit", includeDeleted: true });
  return presentAnnotation(await restoreAnnotation({ actorId: principal.userId, access, input: await readJson(req) }));
});
