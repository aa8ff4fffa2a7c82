import { apiRoute, readOptionalJson } from "@/lib/api/handler";
import { gateDocument } from "@/lib/auth/gate";
import { submitDocument } from "@/lib/workflow/change-state";
import { getWorkflow } from "@/lib/workflow/get-workflow";

type Params = { documentId: string };

/** in_progress or changes_requested → in_review. Answers the workflow as it now stands. */
export const POST = apiRoute<Params>(async ({ req, params, principal }) => {
  const access = await gateDocument({ principal, documentId: params.documentId, action: "document.submit" });
  await submitDocument({ actorId: principal.userId, access, input: await readOptionalJson(req) });
  return getWorkflow({ documentId: params.documentId });
});
