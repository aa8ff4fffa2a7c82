import { apiRoute, readJson } from "@/lib/api/handler";
import { gateEntity } from "@/lib/auth/gate";
import { mergeEntities } from "@/lib/entities/merge-entities";

type Params = { entityId: string };

/** `{ from: [entityId…] }`: their names, aliases and links move here; they stay as redirects. */
export const POST = apiRoute<Params>(async ({ req, params, principal }) => {
  const access = await gateEntity({ principal, entityId: params.entityId, action: "entity.merge" });
  return mergeEntities({ actorId: principal.userId, projectId: access.projectId, entityId: access.entityId, input: await readJson(req) });
});
