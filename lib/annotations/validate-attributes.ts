import type { Tx } from "@/lib/db/client";
import type { LabelKind } from "@/lib/db/generated/enums";
import { fillFigure, lacksFigure, parseAttributes, type Attributes } from "./attributes";
import { checkClaimSource } from "./claim-sources";

/**
 * Attributes as stored: validated for the label's kind (400 on shape), a figure without a number
 * filled from its span when `fill` is set, a claim's source checked against the document (422).
 */
export async function validateAttributes(
  tx: Tx,
  { kind, documentId, attributes, exact, fill }: { kind: LabelKind; documentId: string; attributes: Attributes; exact: string; fill: boolean },
): Promise<Attributes> {
  const filled = kind === "figure" && fill && lacksFigure(attributes) ? fillFigure(attributes, exact) : attributes;
  const parsed = parseAttributes(kind, filled);
  if (kind === "claim") await checkClaimSource(tx, { documentId, attributes: parsed });
  return parsed;
}
