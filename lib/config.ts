import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";

/** Where the embedded database, the generated auth secret and stored originals live. */
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.TRACEWELL_DATA_DIR || ".data");
}

export function port(): number {
  const raw = process.env.PORT || "3000";
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`PORT must be a TCP port number, got "${raw}"`);
  }
  return value;
}

/**
 * AUTH_SECRET when set; otherwise a secret generated once and kept in the data directory, so a
 * first start needs no set-up and sessions survive restarts.
 */
export function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const dir = dataDir();
  const file = path.join(dir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  // "wx" fails if a concurrent start wrote it first; then read theirs.
  try {
    writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
    return secret;
  } catch {
    return readFileSync(file, "utf8").trim();
  }
}
