import type { Tx } from "@/lib/db/client";
import type { LabelKind } from "@/lib/db/generated/enums";
import { fillFigure, lacksFigure, parseAttributes, type Attributes } from "./attributes";
import { checkClaimSource } from "./claim-sources";
import { resolveEntityLink } from "@/lib/entities/entity-links";

/**
 * Attributes as stored: validated for the label's kind (400 on shape), a figure without a number
 * filled from its span when `fill` is set, a claim's source checked against the document (422), an
 * entity's link checked against the project's entities (422; a merged entity stored as its target).
 */
export async function validateAttributes(
  tx: Tx,
  { kind, documentId, attributes, exact, fill }: { kind: LabelKind; documentId: string; attributes: Attributes; exact: string; fill: boolean },
): Promise<Attributes> {
  const filled = kind === "figure" && fill && lacksFigure(attributes) ? fillFigure(attributes, exact) : attributes;
  const parsed = parseAttributes(kind, filled);
  if (kind === "claim") await checkClaimSource(tx, { documentId, attributes: parsed });
  if (kind === "entity" && typeof parsed.entityId === "string") {
    return { ...parsed, entityId: await resolveEntityLink(tx, { documentId, entityId: parsed.entityId }) };
  }
  return parsed;
}
