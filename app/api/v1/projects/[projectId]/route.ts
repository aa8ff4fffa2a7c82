import { apiRoute, readJson } from "@/lib/api/handler";
import { presentProject } from "@/lib/api/presenters";
import { gateProject } from "@/lib/auth/gate";
import { getProject } from "@/lib/projects/get-project";
import { updateProject } from "@/lib/projects/update-project";

type Params = { projectId: string };

export const GET = apiRoute<Params>(async ({ params, principal }) => {
  const access = await gateProject({ principal, projectId: params.projectId, action: "project.read" });
  return presentProject(await getProject(access));
});

export const PATCH = apiRoute<Params>(async ({ req, params, principal }) => {
  const access = await gateProject({ principal, projectId: params.projectId, action: "project.update" });
  await updateProject({ actorId: principal.userId, projectId: params.projectId, input: await readJson(req) });
  return presentProject(await getProject(access));
});
