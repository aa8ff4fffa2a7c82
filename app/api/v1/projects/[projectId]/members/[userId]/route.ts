import { apiRoute, readJson } from "@/lib/api/handler";
import { presentMember } from "@/lib/api/presenters";
import { gateMember } from "@/lib/auth/gate";
import { changeRole } from "@/lib/memberships/change-role";
import { removeMember } from "@/lib/memberships/remove-member";

type Params = { projectId: string; userId: string };

export const PATCH = apiRoute<Params>(async ({ req, params, principal }) => {
  await gateMember({ principal, ...params, action: "member.manage" });
  const member = await changeRole({ actorId: principal.userId, ...params, input: await readJson(req) });
  return presentMember(member);
});

export const DELETE = apiRoute<Params>(async ({ params, principal }) => {
  await gateMember({ principal, ...params, action: "member.manage" });
  await removeMember({ actorId: principal.userId, ...params });
});
