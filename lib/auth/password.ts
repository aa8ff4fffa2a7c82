import { hash, verify } from "@node-rs/argon2";

// Argon2id (algorithm 2; the package's `Algorithm` is a const enum, unavailable at runtime) with
// OWASP's recommended minimum cost: 19 MiB, 2 passes, 1 lane.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS as never);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
