import { createHash } from "node:crypto";

export interface HashedAnnotation {
  id: string;
  version: number;
  status: string;
}

/** Code-point order (not UTF-16 unit order, which is what `<` on strings compares). */
export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * What a sign-off signs (issue 14): the lowercase hex SHA-256 of the UTF-8 bytes of one line
 * `id \t version \t status \n` per annotation that is not deleted, in ascending code-point order of
 * id. Anyone can recompute it from the JSONL export.
 */
export function annotationSetHash(annotations: readonly HashedAnnotation[]): string {
  const lines = [...annotations]
    .sort((a, b) => compareCodePoints(a.id, b.id))
    .map((a) => `${a.id}\t${a.version}\t${a.status}\n`)
    .join("");
  return createHash("sha256").update(lines, "utf8").digest("hex");
}
