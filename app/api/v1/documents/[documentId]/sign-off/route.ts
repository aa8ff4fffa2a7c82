import { apiRoute, readJson } from "@/lib/api/handler";
import { gateDocument } from "@/lib/auth/gate";
import { signOffDocument } from "@/lib/workflow/change-state";
import { getWorkflow } from "@/lib/workflow/get-workflow";

type Params = { documentId: string };

/** in_review → signed_off, with { annotationSetHash }; 409 while any annotation is pending or when the hash differs. Answers the workflow as it now stands. */
export const POST = apiRoute<Params>(async ({ req, params, principal }) => {
  const access = await gateDocument({ principal, documentId: params.documentId, action: "document.signoff" });
  await signOffDocument({ actorId: principal.userId, access, input: await readJson(req) });
  return getWorkflow({ documentId: params.documentId });
});
