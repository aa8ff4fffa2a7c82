import type { Tx } from "@/lib/db/client";
import type { LabelKind } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";

export interface LabelRef {
  id: string;
  name: string;
  kind: LabelKind;
  color: string;
  hotkey: string | null;
}

/**
 * A label of `projectId` named by id or by name (exact, else case-insensitive). The row is locked
 * FOR SHARE so that its kind cannot change before the caller's transaction commits. A label of
 * another project is unknown here, like one that does not exist (422, naming what was asked for).
 */
export async function resolveLabel(tx: Tx, { projectId, ref, field = "label" }: { projectId: string; ref: string; field?: string }): Promise<LabelRef> {
  const rows = await tx.$queryRaw<LabelRef[]>`
    SELECT "id", "name", "kind"::text AS "kind", "color", "hotkey" FROM "Label"
     WHERE "projectId" = ${projectId} AND ("id" = ${ref} OR lower("name") = lower(${ref}))
     ORDER BY "id" FOR SHARE`;
  const found = rows.find((row) => row.id === ref) ?? rows.find((row) => row.name === ref) ?? (rows.length === 1 ? rows[0] : undefined);
  if (found) return found;
  const names = await tx.label.findMany({ where: { projectId }, select: { name: true }, orderBy: { name: "asc" } });
  const known = names.length ? `this project's labels are ${names.map((l) => l.name).join(", ")}` : "this project has no labels";
  throw new AppError("invalid_input", `Unknown label ${JSON.stringify(ref)}: ${known}`, { field, label: ref });
}
