import { apiRoute, searchParams } from "@/lib/api/handler";
import { gateDocument } from "@/lib/auth/gate";
import { listSuggestions } from "@/lib/suggestions/list-suggestions";
import { runSuggestions } from "@/lib/suggestions/run-suggestions";

type Params = { documentId: string };

/** `{ suggestions: [{ id, start, end, exact, label, entityId?, alias?, attributes?, source, status }] }`; `?status=open|accepted|rejected|all`. */
export const GET = apiRoute<Params>(async ({ req, params, principal }) => {
  await gateDocument({ principal, documentId: params.documentId, action: "document.read" });
  return { suggestions: await listSuggestions({ documentId: params.documentId, query: searchParams(req) }) };
});

/** Runs the project's aliases and the figure detector over the document; answers the counts and the open suggestions. */
export const POST = apiRoute<Params>(async ({ req, params, principal }) => {
  const access = await gateDocument({ principal, documentId: params.documentId, action: "annotation.create" });
  const counts = await runSuggestions({ actorId: principal.userId, projectId: access.projectId, documentId: access.documentId });
  return { ...counts, suggestions: await listSuggestions({ documentId: access.documentId, query: searchParams(req) }) };
});
