import { apiRoute } from "@/lib/api/handler";
import { gateDocument } from "@/lib/auth/gate";
import { getOriginal } from "@/lib/documents/get-original";

/** The uploaded file, byte for byte, with its sha256 in Repr-Digest. */
export const GET = apiRoute<{ documentId: string }>(async ({ params, principal }) => {
  await gateDocument({ principal, documentId: params.documentId, action: "document.read" });
  const original = await getOriginal(params);
  const headers: Record<string, string> = {
    "Content-Type": original.mediaType,
    "Content-Length": String(original.bytes.length),
    "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(original.filename)}`,
    "X-Content-Type-Options": "nosniff",
  };
  if (original.sha256) headers["Repr-Digest"] = `sha-256=:${Buffer.from(original.sha256, "hex").toString("base64")}:`;
  return new Response(new Uint8Array(original.bytes), { headers });
});
