import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { Prisma } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { matchAliases } from "@/lib/text/alias-match";
import { detectFigures } from "@/lib/text/detect-figures";

interface Proposal {
  start: number;
  end: number;
  exact: string;
  labelId: string;
  entityId: string | null;
  alias: string | null;
  attributes: Record<string, unknown>;
  source: "alias" | "figure";
  key: string;
}

/** The label a kind of suggestion takes: the project's label of that kind named like the kind, else its first. */
async function labelOf(projectId: string, kind: "entity" | "figure") {
  const labels = await db().label.findMany({ where: { projectId, kind }, orderBy: [{ hotkey: { sort: "asc", nulls: "last" } }, { name: "asc" }] });
  return labels.find((l) => l.name.toLowerCase() === kind) ?? labels[0] ?? null;
}

/**
 * Runs the project's dictionary (every entity's name and aliases, whole-word and case-insensitive
 * in any script: lib/text/alias-match.ts) and the figure detector over the document, and stores
 * what they find as open suggestions. Spans already annotated with that label are not proposed; a span decided before (accepted or rejected) for the same entity
 * or as a figure is not proposed again; open suggestions the dictionary no longer finds are
 * withdrawn. Audited. Authorization is the caller's (annotation.create).
 */
export async function runSuggestions({ actorId, projectId, documentId }: { actorId: string; projectId: string; documentId: string }) {
  const document = await db().document.findUniqueOrThrow({ where: { id: documentId }, select: { text: true } });
  const [entityLabel, figureLabel] = await Promise.all([labelOf(projectId, "entity"), labelOf(projectId, "figure")]);
  if (!entityLabel && !figureLabel) throw new AppError("conflict", "The project has no entity or figure label to suggest with");
  const proposals: Proposal[] = [];
  if (entityLabel) {
    const entities = await db().entity.findMany({ where: { projectId, mergedIntoId: null }, select: { id: true, name: true, aliases: true } });
    const aliases = entities.flatMap((e) => [e.name, ...e.aliases].map((alias) => ({ key: e.id, alias })));
    for (const m of matchAliases(document.text, aliases)) {
      proposals.push({ start: m.start, end: m.end, exact: m.exact, labelId: entityLabel.id, entityId: m.key, alias: m.alias, attributes: { entityId: m.key }, source: "alias", key: `alias:${m.key}` });
    }
  }
  if (figureLabel) {
    for (const f of detectFigures(document.text)) {
      const reading = Object.fromEntries(Object.entries(f.reading).filter(([, v]) => v !== null && v !== undefined));
      proposals.push({ start: f.start, end: f.end, exact: f.exact, labelId: figureLabel.id, entityId: null, alias: null, attributes: reading, source: "figure", key: "figure" });
    }
  }
  // Already annotated with that label: nothing to suggest there.
  const existing = await db().annotation.findMany({ where: { documentId, deletedAt: null }, select: { start: true, end: true, labelId: true } });
  const taken = new Set(existing.map((a) => `${a.start}:${a.end}:${a.labelId}`));
  const fresh = proposals.filter((p) => !taken.has(`${p.start}:${p.end}:${p.labelId}`));

  return auditedTransaction(async (tx, audit) => {
    const before = await tx.suggestion.findMany({ where: { documentId, status: "open" }, select: { id: true, start: true, end: true, key: true } });
    const wanted = new Set(fresh.map((p) => `${p.start}:${p.end}:${p.key}`));
    const gone = before.filter((s) => !wanted.has(`${s.start}:${s.end}:${s.key}`)).map((s) => s.id);
    if (gone.length > 0) await tx.suggestion.deleteMany({ where: { id: { in: gone } } });
    const { count } = await tx.suggestion.createMany({
      data: fresh.map((p) => ({ ...p, documentId, projectId, attributes: p.attributes as Prisma.InputJsonObject })),
      skipDuplicates: true,
    });
    const open = await tx.suggestion.count({ where: { documentId, status: "open" } });
    await audit({ action: "suggestions.generated", subjectType: "document", subjectId: documentId, projectId, actorId, data: { proposed: count, withdrawn: gone.length, open } });
    return { proposed: count, withdrawn: gone.length, open };
  });
}
