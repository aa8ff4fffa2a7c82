import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** The uploaded bytes, exactly as received. */
export async function getOriginal({ documentId }: { documentId: string }) {
  const document = await db().document.findUnique({
    where: { id: documentId },
    select: { originalFilename: true, originalMediaType: true, originalSha256: true, title: true, original: true },
  });
  if (!document?.original) throw new AppError("not_found", "This document has no stored original");
  return {
    filename: document.originalFilename ?? `${document.title}.txt`,
    mediaType: document.originalMediaType ?? "application/octet-stream",
    sha256: document.originalSha256,
    bytes: document.original.bytes,
  };
}
