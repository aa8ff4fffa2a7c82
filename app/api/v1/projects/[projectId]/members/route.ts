import { apiRoute, readJson } from "@/lib/api/handler";
import { presentMember } from "@/lib/api/presenters";
import { gateProject } from "@/lib/auth/gate";
import { addMember } from "@/lib/memberships/add-member";
import { listMembers } from "@/lib/memberships/list-members";

type Params = { projectId: string };

export const GET = apiRoute<Params>(async ({ params, principal }) => {
  await gateProject({ principal, projectId: params.projectId, action: "member.read" });
  const members = await listMembers({ projectId: params.projectId });
  return { members: members.map(presentMember), nextCursor: null };
});

export const POST = apiRoute<Params>(
  async ({ req, params, principal }) => {
    await gateProject({ principal, projectId: params.projectId, action: "member.manage" });
    const member = await addMember({ actorId: principal.userId, projectId: params.projectId, input: await readJson(req) });
    return presentMember(member);
  },
  { status: 201 },
);
