import { describe, expect, it } from "vitest";
import { authenticateToken } from "@/lib/tokens/authenticate-token";
import { createToken } from "@/lib/tokens/create-token";
import { revokeToken } from "@/lib/tokens/revoke-token";
import { makeUser } from "../helpers/users";

/**
 * lib/tokens/authenticate-token.ts reads the token and its user in one raw statement: the dates
 * must come back as the instants stored (no time-zone shift), and every refusal must still hold.
 */

const DAY = 86_400_000;

describe("authenticateToken", () => {
  it("resolves a token to its user, with the token's id and scope", async () => {
    const { user } = await makeUser({ name: "Grace Analyst", isAdmin: true });
    const { token, secret } = await createToken({ userId: user.id, input: { name: "r", scope: "read" } });
    expect(await authenticateToken(secret)).toEqual({
      userId: user.id,
      email: user.email,
      name: "Grace Analyst",
      isAdmin: true,
      via: "token",
      tokenId: token.id,
      scope: "read",
    });
  });

  it("accepts a token until the millisecond it expires, and refuses it from then on", async () => {
    const { user } = await makeUser();
    const created = new Date("2026-06-01T10:00:00.123Z");
    const { token, secret } = await createToken({ userId: user.id, input: { name: "e", expiresInDays: 1 }, now: created });
    const expiresAt = new Date(created.getTime() + DAY);
    expect(token.expiresAt.toISOString()).toBe(expiresAt.toISOString());
    await expect(authenticateToken(secret, new Date(expiresAt.getTime() - 1))).resolves.toMatchObject({ tokenId: token.id });
    await expect(authenticateToken(secret, expiresAt)).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("refuses a revoked token", async () => {
    const { user } = await makeUser();
    const { token, secret } = await createToken({ userId: user.id, input: { name: "x" } });
    await expect(authenticateToken(secret)).resolves.toMatchObject({ tokenId: token.id });
    await revokeToken({ userId: user.id, tokenId: token.id });
    await expect(authenticateToken(secret)).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
