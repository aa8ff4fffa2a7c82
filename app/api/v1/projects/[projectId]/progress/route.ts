import { apiRoute } from "@/lib/api/handler";
import { gateProject } from "@/lib/auth/gate";
import { getProjectProgress } from "@/lib/progress/project-progress";
import { ZProgressParams } from "@/lib/progress/schemas";

type Params = { projectId: string };

/** The project dashboard's numbers: documents by state, annotations by status, label and annotator, throughput, time in review (members). */
export const GET = apiRoute<Params>(async ({ params, principal }) => {
  const { projectId } = ZProgressParams.parse(params);
  await gateProject({ principal, projectId, action: "project.read" });
  return getProjectProgress({ projectId });
});
