import { apiRoute, readJson } from "@/lib/api/handler";
import { gateProject } from "@/lib/auth/gate";
import { assignDocuments } from "@/lib/workflow/assign-documents";

type Params = { projectId: string };

/** The document list's bulk assignment: `{ documentIds, annotators, reviewer }`, in one transaction; owners only. */
export const PUT = apiRoute<Params>(async ({ req, params, principal }) => {
  const access = await gateProject({ principal, projectId: params.projectId, action: "document.assign" });
  return assignDocuments({ actorId: principal.userId, projectId: access.projectId, input: await readJson(req) });
});
