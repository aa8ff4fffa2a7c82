import { apiRoute } from "@/lib/api/handler";
import { gateDocument } from "@/lib/auth/gate";
import { getWorkflow } from "@/lib/workflow/get-workflow";

type Params = { documentId: string };

/** `{ state, assignees, signOff, signOffs, history, annotationSet }`; annotationSet.hash is what a sign-off signs. */
export const GET = apiRoute<Params>(async ({ params, principal }) => {
  await gateDocument({ principal, documentId: params.documentId, action: "document.read" });
  return getWorkflow({ documentId: params.documentId });
});
