import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TOKEN_PREFIX, displayPrefix, generateTokenSecret, hashToken } from "@/lib/tokens/token-secret";

describe("token secrets", () => {
  it("are tw_ followed by 32 random bytes in base64url", () => {
    const secret = generateTokenSecret();
    expect(TOKEN_PREFIX).toBe("tw_");
    expect(secret).toMatch(/^tw_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.slice(3), "base64url")).toHaveLength(32);
  });

  it("never repeat", () => {
    const secrets = new Set(Array.from({ length: 200 }, generateTokenSecret));
    expect(secrets.size).toBe(200);
  });

  it("are stored as their sha256 hex", () => {
    const secret = generateTokenSecret();
    expect(hashToken(secret)).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(hashToken(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(secret)).not.toBe(hashToken(generateTokenSecret()));
  });

  it("show only the prefix and six characters", () => {
    const secret = generateTokenSecret();
    expect(displayPrefix(secret)).toBe(secret.slice(0, 9));
    expect(displayPrefix(secret).startsWith("tw_")).toBe(true);
  });
});
