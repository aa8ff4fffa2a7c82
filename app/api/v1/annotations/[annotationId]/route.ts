import type { NextRequest } from "next/server";
import { apiRoute, readJson, searchParams } from "@/lib/api/handler";
import { presentAnnotation } from "@/lib/api/presenters";
import { authorizeAnnotation } from "@/lib/annotations/authorize-annotation";
import { deleteAnnotation } from "@/lib/annotations/delete-annotation";
import { getAnnotation } from "@/lib/annotations/get-annotation";
import { updateAnnotation } from "@/lib/annotations/update-annotation";

type Params = { annotationId: string };

export const GET = apiRoute<Params>(async ({ params, principal }) => {
  await authorizeAnnotation({ principal, annotationId: params.annotationId, intent: "read" });
  return presentAnnotation(await getAnnotation(params));
});

/** Carries the `version` the client saw; a stale one answers 409 with the current annotation. */
export const PATCH = apiRoute<Params>(async ({ req, params, principal }) => {
  const access = await authorizeAnnotation({ principal, annotationId: params.annotationId, intent: "write" });
  return presentAnnotation(await updateAnnotation({ actorId: principal.userId, access, input: await readJson(req) }));
});

/** `?version=N`, or a JSON body `{ version }`. */
export const DELETE = apiRoute<Params>(async ({ req, params, principal }) => {
  const access = await authorizeAnnotation({ principal, annotationId: params.annotationId, intent: "write" });
  await deleteAnnotation({ actorId: principal.userId, access, input: await versionInput(req) });
});

async function versionInput(req: NextRequest): Promise<unknown> {
  if (req.nextUrl.searchParams.has("version") || !req.headers.get("content-type")) return searchParams(req);
  return readJson(req);
}
