import { apiRoute, readJson } from "@/lib/api/handler";
import { gateDocument } from "@/lib/auth/gate";
import { assignDocuments } from "@/lib/workflow/assign-documents";
import { getWorkflow } from "@/lib/workflow/get-workflow";

type Params = { documentId: string };

/** `{ annotators: [userId…], reviewer: userId | null }` replaces the document's assignees; owners only. */
export const PUT = apiRoute<Params>(async ({ req, params, principal }) => {
  const access = await gateDocument({ principal, documentId: params.documentId, action: "document.assign" });
  await assignDocuments({ actorId: principal.userId, projectId: access.projectId, documentIds: [access.documentId], input: await readJson(req) });
  return getWorkflow({ documentId: access.documentId });
});
