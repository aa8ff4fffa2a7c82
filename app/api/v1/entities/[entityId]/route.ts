import { apiRoute, readJson } from "@/lib/api/handler";
import { gateEntity } from "@/lib/auth/gate";
import { deleteEntity } from "@/lib/entities/delete-entity";
import { getEntity } from "@/lib/entities/list-entities";
import { updateEntity } from "@/lib/entities/update-entity";

type Params = { entityId: string };

/** One entity; a merged one answers with `mergedIntoId` set (its links count there). */
export const GET = apiRoute<Params>(async ({ params, principal }) => {
  await gateEntity({ principal, entityId: params.entityId, action: "entity.read" });
  return getEntity(params);
});

/** `{ name?, type?, aliases?, description?, externalIds? }`; aliases and externalIds replace the old ones. */
export const PATCH = apiRoute<Params>(async ({ req, params, principal }) => {
  const access = await gateEntity({ principal, entityId: params.entityId, action: "entity.update" });
  return updateEntity({ actorId: principal.userId, projectId: access.projectId, entityId: access.entityId, input: await readJson(req) });
});

/** Refused (409) while annotations link to it or merged entities redirect to it. */
export const DELETE = apiRoute<Params>(async ({ params, principal }) => {
  const access = await gateEntity({ principal, entityId: params.entityId, action: "entity.delete" });
  await deleteEntity({ actorId: principal.userId, projectId: access.projectId, entityId: access.entityId });
});
