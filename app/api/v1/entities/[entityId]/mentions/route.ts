import { apiRoute } from "@/lib/api/handler";
import { gateEntity } from "@/lib/auth/gate";
import { entityMentions } from "@/lib/entities/entity-mentions";

type Params = { entityId: string };

/** Every live annotation linking to the entity, by document, with keyword-in-context. */
export const GET = apiRoute<Params>(async ({ params, principal }) => {
  await gateEntity({ principal, entityId: params.entityId, action: "entity.read" });
  return { documents: await entityMentions(params) };
});
