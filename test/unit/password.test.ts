import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { MIN_PASSWORD_LENGTH } from "@/lib/users/password-policy";

describe("password hashing", () => {
  it("produces an argon2id PHC string with the OWASP minimum cost and a random salt", async () => {
    const one = await hashPassword("correct horse battery");
    const two = await hashPassword("correct horse battery");
    expect(one.startsWith("$argon2id$")).toBe(true);
    expect(one).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(one).not.toBe(two);
  });

  it("verifies the right password and rejects others", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "correct horse batterY")).toBe(false);
    expect(await verifyPassword(hash, "")).toBe(false);
  });

  it("handles non-ASCII passwords byte-exactly", async () => {
    const hash = await hashPassword("pässwörd 👩‍🔬");
    expect(await verifyPassword(hash, "pässwörd 👩‍🔬")).toBe(true);
    expect(await verifyPassword(hash, "pa\u0308sswörd 👩‍🔬")).toBe(false);
  });

  it("answers false, not an exception, for a malformed hash", async () => {
    await expect(verifyPassword("not-a-hash", "whatever")).resolves.toBe(false);
    await expect(verifyPassword("", "whatever")).resolves.toBe(false);
  });

  it("requires at least 12 characters (ASVS 2.1.1)", () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
  });
});
