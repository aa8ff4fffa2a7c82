import { NextResponse } from "next/server";
import { apiRoute, readJson, searchParams } from "@/lib/api/handler";
import { presentAnnotation } from "@/lib/api/presenters";
import { createAnnotation } from "@/lib/annotations/create-annotation";
import { listAnnotations } from "@/lib/annotations/list-annotations";
import { gateDocument } from "@/lib/auth/gate";

type Params = { documentId: string };

/** Every annotation of the document (ordered by start, end, id), optionally filtered; tombstones only with ?include=deleted. */
export const GET = apiRoute<Params>(async ({ req, params, principal }) => {
  await gateDocument({ principal, documentId: params.documentId, action: "annotation.read" });
  const annotations = await listAnnotations({ documentId: params.documentId, query: searchParams(req) });
  return { annotations: annotations.map(presentAnnotation), nextCursor: null };
});

/** 201 with the new annotation; 200 with the stored one when a client-chosen `id` repeats the same request. */
export const POST = apiRoute<Params>(
  async ({ req, params, principal }) => {
    await gateDocument({ principal, documentId: params.documentId, action: "annotation.create" });
    const annotation = await createAnnotation({
      actorId: principal.userId,
      author: { name: principal.name, email: principal.email },
      documentId: params.documentId,
      input: await readJson(req),
    });
    return annotation.created ? presentAnnotation(annotation) : NextResponse.json(presentAnnotation(annotation), { status: 200 });
  },
  { status: 201 },
);
