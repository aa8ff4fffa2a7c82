import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { generateKeyPairSync, randomBytes } from "node:crypto";
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
 * A secret from NAME, or from the file named by NAME_FILE (Docker secrets, so that the value never
 * appears in the environment or in `docker compose config`). A named file that is missing or empty
 * is an error, not a silent fallback: the operator meant to supply it.
 */
export function secretFromEnv(name: string): string | undefined {
  const file = process.env[`${name}_FILE`];
  if (file) {
    let value: string;
    try {
      value = readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim();
    } catch (err) {
      throw new Error(`${name}_FILE names ${file}, which cannot be read (${(err as NodeJS.ErrnoException).code}). Create it first (see the README, "docker-compose").`);
    }
    if (!value) throw new Error(`${name}_FILE names ${file}, which is empty. Put the secret in it (see the README, "docker-compose").`);
    return value;
  }
  return process.env[name] || undefined;
}

/**
 * The interface to listen on: HOST when set, else null (serve decides: loopback while the demo
 * accounts keep their published password, all interfaces otherwise).
 */
export function host(): string | null {
  return process.env.HOST?.trim() || null;
}

/**
 * AUTH_SECRET (or AUTH_SECRET_FILE) when set; otherwise a secret generated once and kept in the data directory, so a
 * first start needs no set-up and sessions survive restarts.
 */
export function authSecret(): string {
  const given = secretFromEnv("AUTH_SECRET");
  if (given) return given;
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

/**
 * The Ed25519 key the audit sealer signs checkpoints with, kept outside the database so a database
 * superuser cannot re-sign a rewritten log: TRACEWELL_AUDIT_KEY (or TRACEWELL_AUDIT_KEY_FILE) when
 * set — a PKCS#8 PEM, or the base64 of the 32-byte seed — else `<data dir>/audit-key` (PKCS#8 PEM,
 * mode 0600), generated once on first use.
 */
export function auditKeyPem(): string {
  const given = secretFromEnv("TRACEWELL_AUDIT_KEY");
  if (given) return given;
  const dir = dataDir();
  const file = path.join(dir, "audit-key");
  if (existsSync(file)) return readFileSync(file, "utf8");
  mkdirSync(dir, { recursive: true });
  const pem = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  try {
    writeFileSync(file, pem, { mode: 0o600, flag: "wx" });
    return pem;
  } catch {
    return readFileSync(file, "utf8");
  }
}

/** Where the sealer appends each checkpoint as one JSON line, outside the database. */
export function auditCheckpointFile(): string {
  return process.env.TRACEWELL_AUDIT_CHECKPOINTS || path.join(dataDir(), "audit-checkpoints.jsonl");
}
