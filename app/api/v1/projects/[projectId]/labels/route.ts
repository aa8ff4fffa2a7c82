import { apiRoute } from "@/lib/api/handler";
import { presentLabel } from "@/lib/api/presenters";
import { authorizeProject } from "@/lib/auth/authorize";
import { getProject } from "@/lib/projects/get-project";

export const GET = apiRoute<{ projectId: string }>(async ({ params, principal }) => {
  const access = await authorizeProject({ principal, projectId: params.projectId, action: "project.read" });
  const project = await getProject(access);
  return { labels: project.labels.map(presentLabel), nextCursor: null };
});
