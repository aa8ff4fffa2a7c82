import { apiRoute, readJson } from "@/lib/api/handler";
import { gateDocument } from "@/lib/auth/gate";
import { requestChanges } from "@/lib/workflow/change-state";
import { getWorkflow } from "@/lib/workflow/get-workflow";

type Params = { documentId: string };

/** in_review → changes_requested, with { comment }. Answers the workflow as it now stands. */
export const POST = apiRoute<Params>(async ({ req, params, principal }) => {
  const access = await gateDocument({ principal, documentId: params.documentId, action: "document.signoff" });
  await requestChanges({ actorId: principal.userId, access, input: await readJson(req) });
  return getWorkflow({ documentId: params.documentId });
});
