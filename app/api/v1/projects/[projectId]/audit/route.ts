import { apiRoute, searchParams } from "@/lib/api/handler";
import { listProjectHistory } from "@/lib/audit/log-api";
import { gateProject } from "@/lib/auth/gate";

type Params = { projectId: string };

/** The project's sealed audit history, each event with its log seq and leaf hash (members). */
export const GET = apiRoute<Params>(async ({ req, params, principal }) => {
  await gateProject({ principal, projectId: params.projectId, action: "project.read" });
  return listProjectHistory(params.projectId, searchParams(req));
});
