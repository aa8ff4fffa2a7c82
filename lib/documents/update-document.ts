import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { AppError } from "@/lib/errors";
import { ZUpdateDocument } from "./schemas";

const DATE_FIELDS = new Set(["publishedOn", "retrievedOn"]);

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/** Edits source metadata (never the text); every changed field is audited with before and after. */
export async function updateDocument({ actorId, documentId, input }: { actorId: string; documentId: string; input: unknown }) {
  const patch = ZUpdateDocument.parse(input);
  return auditedTransaction(async (tx, audit) => {
    const current = await tx.document.findUnique({ where: { id: documentId } });
    if (!current) throw new AppError("not_found", "Document not found");
    const changes: Record<string, { from: string | null; to: string | null }> = {};
    const data: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      const from = asText(current[key as keyof typeof current]);
      const to = asText(value);
      if (from === to) continue;
      changes[key] = { from, to };
      data[key] = DATE_FIELDS.has(key) && typeof value === "string" ? new Date(`${value}T00:00:00Z`) : value;
    }
    if (Object.keys(changes).length === 0) return current;
    const document = await tx.document.update({ where: { id: documentId }, data });
    await audit({
      action: "document.updated",
      subjectType: "document",
      subjectId: documentId,
      projectId: current.projectId,
      actorId,
      data: { changes },
    });
    return document;
  });
}
