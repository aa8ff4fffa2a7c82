import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** One document with its text, uploader and annotation count (call after gateDocument). */
export async function getDocument({ documentId }: { documentId: string }) {
  const document = await db().document.findUnique({
    where: { id: documentId },
    include: {
      uploadedBy: { select: { id: true, email: true, name: true } },
      _count: { select: { annotations: { where: { deletedAt: null } } } },
    },
  });
  if (!document) throw new AppError("not_found", "Document not found");
  const { _count, ...rest } = document;
  return { ...rest, annotationCount: _count.annotations };
}
