import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { WITH_COUNT, withCount } from "./list-labels";

/** One label with its annotation count (call after gateLabel). */
export async function getLabel({ labelId }: { labelId: string }) {
  const label = await db().label.findUnique({ where: { id: labelId }, include: WITH_COUNT });
  if (!label) throw new AppError("not_found", "Label not found");
  return withCount(label);
}
