import { apiRoute } from "@/lib/api/handler";
import { eventStream } from "@/lib/api/event-stream";
import { gateProject } from "@/lib/auth/gate";

type Params = { projectId: string };

export const dynamic = "force-dynamic";

/** Server-Sent Events: every annotation change in the project (resumable by cursor) and who works where. */
export const GET = apiRoute<Params>(async ({ req, params, principal }) => {
  const access = await gateProject({ principal, projectId: params.projectId, action: "project.read" });
  return eventStream({ req, principal, projectId: access.projectId, documentId: null });
});
