import { NextResponse } from "next/server";
import { apiRoute, readJson, searchParams } from "@/lib/api/handler";
import { isMultipart } from "@/lib/api/multipart";
import { presentDocumentSummary } from "@/lib/api/presenters";
import { presentUploadResults } from "@/lib/api/upload-results";
import { readUploadedFiles } from "@/lib/api/uploads";
import { gateProject } from "@/lib/auth/gate";
import { listDocuments } from "@/lib/documents/list-documents";
import { createPastedDocument, uploadDocuments } from "@/lib/documents/upload-documents";

type Params = { projectId: string };

export const GET = apiRoute<Params>(async ({ req, params, principal }) => {
  await gateProject({ principal, projectId: params.projectId, action: "document.read" });
  const { documents, nextCursor } = await listDocuments({ projectId: params.projectId, query: searchParams(req) });
  return { documents: documents.map(presentDocumentSummary), nextCursor };
});

/** multipart/form-data with `file` fields (per-file results), or JSON `{ title, text, metadata? }`. */
export const POST = apiRoute<Params>(async ({ req, params, principal }) => {
  await gateProject({ principal, projectId: params.projectId, action: "document.create" });
  const actor = { actorId: principal.userId, projectId: params.projectId };
  if (isMultipart(req)) {
    const results = await uploadDocuments({ ...actor, files: await readUploadedFiles(req) });
    const { status, body } = presentUploadResults(results);
    return NextResponse.json(body, { status });
  }
  const { status, document } = await createPastedDocument({ ...actor, input: await readJson(req) });
  return NextResponse.json(
    { ...presentDocumentSummary(document), status },
    { status: status === "created" ? 201 : 200 },
  );
});
