/**
 * JSON with object keys sorted at every level, for comparing values whatever their key order
 * (attributes, import matching). Unlike RFC 8785 (./jcs.ts, what the Merkle log hashes) it drops
 * undefined members instead of refusing them. The hash chain that used it before the Merkle log is
 * gone: rows of that time keep their prevHash/hash, and verify recomputes their leaves instead.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}
