import { apiRoute, readJson } from "@/lib/api/handler";
import { presentDocument } from "@/lib/api/presenters";
import { gateDocument } from "@/lib/auth/gate";
import { deleteDocument } from "@/lib/documents/delete-document";
import { getDocument } from "@/lib/documents/get-document";
import { updateDocument } from "@/lib/documents/update-document";

type Params = { documentId: string };

export const GET = apiRoute<Params>(async ({ params, principal }) => {
  await gateDocument({ principal, documentId: params.documentId, action: "document.read" });
  return presentDocument(await getDocument(params));
});

/** Metadata only: the text of a document never changes. */
export const PATCH = apiRoute<Params>(async ({ req, params, principal }) => {
  await gateDocument({ principal, documentId: params.documentId, action: "document.update" });
  await updateDocument({ actorId: principal.userId, documentId: params.documentId, input: await readJson(req) });
  return presentDocument(await getDocument(params));
});

export const DELETE = apiRoute<Params>(async ({ params, principal }) => {
  await gateDocument({ principal, documentId: params.documentId, action: "document.delete" });
  await deleteDocument({ actorId: principal.userId, documentId: params.documentId });
});
