import type { NextRequest } from "next/server";
import { apiRoute, readJson, searchParams } from "@/lib/api/handler";
import { presentAnnotation } from "@/lib/api/presenters";
import { gateAnnotation } from "@/lib/auth/gate";
import { deleteAnnotation } from "@/lib/annotations/delete-annotation";
import { getAnnotation } from "@/lib/annotations/get-annotation";
import { ZIncludeDeleted } from "@/lib/annotations/schemas";
import { updateAnnotation } from "@/lib/annotations/update-annotation";

type Params = { annotationId: string };

/** A deleted annotation answers 404 unless `?include=deleted`. */
export const GET = apiRoute<Params>(async ({ req, params, principal }) => {
  const includeDeleted = ZIncludeDeleted.parse(searchParams(req)).include === "deleted";
  await gateAnnotation({ principal, annotationId: params.annotationId, intent: "read", includeDeleted });
  return presentAnnotation(await getAnnotation({ annotationId: params.annotationId, includeDeleted }));
});

/** Carries the `version` the client saw; a stale one answers 409 with the current annotation. */
export const PATCH = apiRoute<Params>(async ({ req, params, principal }) => {
  const access = await gateAnnotation({ principal, annotationId: params.annotationId, intent: "edit" });
  return presentAnnotation(await updateAnnotation({ actorId: principal.userId, access, input: await readJson(req) }));
});

/** `?version=N`, or a JSON body `{ version }`. Leaves a tombstone; POST …/restore brings it back. */
export const DELETE = apiRoute<Params>(async ({ req, params, principal }) => {
  const access = await gateAnnotation({ principal, annotationId: params.annotationId, intent: "edit" });
  await deleteAnnotation({ actorId: principal.userId, access, input: await versionInput(req) });
});

async function versionInput(req: NextRequest): Promise<unknown> {
  if (req.nextUrl.searchParams.has("version") || !req.headers.get("content-type")) return searchParams(req);
  return readJson(req);
}
