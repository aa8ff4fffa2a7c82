import { apiRoute } from "@/lib/api/handler";
import { eventStream } from "@/lib/api/event-stream";
import { gateDocument } from "@/lib/auth/gate";

type Params = { documentId: string };

export const dynamic = "force-dynamic";

/** Server-Sent Events: the document's annotation changes (resumable by cursor) and who has it open. */
export const GET = apiRoute<Params>(async ({ req, params, principal }) => {
  const access = await gateDocument({ principal, documentId: params.documentId, action: "document.read" });
  return eventStream({ req, principal, projectId: access.projectId, documentId: params.documentId });
});
