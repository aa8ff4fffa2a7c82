import { apiRoute, readJson } from "@/lib/api/handler";
import { presentMember } from "@/lib/api/presenters";
import { authorizeProject } from "@/lib/auth/authorize";
import { changeRole } from "@/lib/memberships/change-role";
import { removeMember } from "@/lib/memberships/remove-member";

type Params = { projectId: string; userId: string };

export const PATCH = apiRoute<Params>(async ({ req, params, principal }) => {
  await authorizeProject({ principal, projectId: params.projectId, action: "member.manage" });
  const member = await changeRole({ actorId: principal.userId, ...params, input: await readJson(req) });
  return presentMember(member);
});

export const DELETE = apiRoute<Params>(async ({ params, principal }) => {
  await authorizeProject({ principal, projectId: params.projectId, action: "member.manage" });
  await removeMember({ actorId: principal.userId, ...params });
});
