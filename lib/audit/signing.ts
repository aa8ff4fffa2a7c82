import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { auditKeyPem } from "@/lib/config";
import { canonicalBytes } from "./jcs";

/**
 * Signed checkpoints (tree heads). The signed bytes are UTF-8(JCS({ treeSize, rootHash,
 * timestamp })): treeSize a JSON number, rootHash lowercase hex, timestamp ISO 8601 UTC.
 * Signature: Ed25519 (RFC 8032), base64. publicKey: base64 of the raw 32-byte key.
 */
export interface CheckpointBody {
  treeSize: number;
  rootHash: string;
  timestamp: string;
}
export interface Checkpoint extends CheckpointBody {
  signature: string;
  publicKey: string;
}

const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_ED25519_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** A PKCS#8 PEM, or the base64 of a 32-byte seed. */
export function privateKeyFrom(text: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  if (trimmed.startsWith("-----BEGIN")) key = createPrivateKey(trimmed);
  else {
    const seed = Buffer.from(trimmed, "base64");
    if (seed.length !== 32) throw new Error("TRACEWELL_AUDIT_KEY must be a PKCS#8 PEM or the base64 of a 32-byte Ed25519 seed");
    key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: "der", type: "pkcs8" });
  }
  if (key.asymmetricKeyType !== "ed25519") throw new Error("The audit key must be an Ed25519 key");
  return key;
}

/** A public key from an SPKI PEM, the base64 of its raw 32 bytes, or a private key (PEM or seed). */
export function publicKeyFrom(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.includes("PRIVATE KEY")) return createPublicKey(privateKeyFrom(trimmed));
  if (trimmed.startsWith("-----BEGIN")) return createPublicKey(trimmed);
  const raw = Buffer.from(trimmed, "base64");
  if (raw.length !== 32) throw new Error("A public key must be an SPKI PEM or the base64 of 32 raw Ed25519 bytes");
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: "der", type: "spki" });
}

export function rawPublicKey(key: KeyObject): string {
  const der = (key.type === "private" ? createPublicKey(key) : key).export({ type: "spki", format: "der" });
  return der.subarray(der.length - 32).toString("base64");
}

/** The instance's signing key (key file or TRACEWELL_AUDIT_KEY). */
export function auditSigningKey(): KeyObject {
  return privateKeyFrom(auditKeyPem());
}

/** The key verify trusts: a --public-key file when given, else the instance's own key. */
export function trustedPublicKey(publicKeyFile?: string): KeyObject {
  return publicKeyFile ? publicKeyFrom(readFileSync(publicKeyFile, "utf8")) : createPublicKey(auditSigningKey());
}

export function checkpointBytes({ treeSize, rootHash, timestamp }: CheckpointBody): Uint8Array {
  return canonicalBytes({ treeSize, rootHash, timestamp });
}

export function signCheckpoint(key: KeyObject, body: CheckpointBody): Checkpoint {
  const signature = sign(null, checkpointBytes(body), key).toString("base64");
  return { ...body, signature, publicKey: rawPublicKey(key) };
}

export function checkpointSignatureValid(key: KeyObject, checkpoint: Checkpoint): boolean {
  try {
    return verify(null, checkpointBytes(checkpoint), key, Buffer.from(checkpoint.signature, "base64"));
  } catch {
    return false;
  }
}
