import { createHash } from "node:crypto";

/**
 * sha256 as lowercase hex. Kept apart from code-points.ts so the browser bundle never pulls in
 * node:crypto. Hashing is computation, not I/O.
 */

/** The hash of a text's UTF-8 bytes (ARCHITECTURE.md: a document's `sha256`). */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function sha256HexBytes(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
