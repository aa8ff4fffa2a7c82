import { apiRoute } from "@/lib/api/handler";
import { presentUser } from "@/lib/api/presenters";
import { db } from "@/lib/db/client";

export const GET = apiRoute(async ({ principal }) => {
  const user = await db().user.findUniqueOrThrow({ where: { id: principal.userId } });
  return { ...presentUser(user), authenticatedVia: principal.via };
});
