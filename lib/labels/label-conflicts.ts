import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Refuses a name already used in the project (case-insensitively: "claim" next to "Claim" would
 * make labels by name ambiguous) or a hotkey another label has (409, naming that label).
 */
export async function assertLabelFree(
  tx: Tx,
  { projectId, name, hotkey, exceptId }: { projectId: string; name?: string; hotkey?: string | null; exceptId?: string },
): Promise<void> {
  if (name !== undefined) {
    const [same] = await tx.$queryRaw<{ name: string }[]>`
      SELECT "name" FROM "Label" WHERE "projectId" = ${projectId} AND lower("name") = lower(${name}) AND "id" <> ${exceptId ?? ""} LIMIT 1`;
    if (same) throw new AppError("conflict", `A label named ${JSON.stringify(same.name)} already exists in this project`, { field: "name" });
  }
  if (hotkey) {
    const taken = await tx.label.findFirst({ where: { projectId, hotkey, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { name: true } });
    if (taken) {
      throw new AppError("conflict", `The hotkey ${JSON.stringify(hotkey)} is already used by the label ${JSON.stringify(taken.name)}`, { field: "hotkey" });
    }
  }
}

