import { describe, expect, it } from "vitest";
import * as password from "@/app/api/v1/me/password/route";
import * as sessions from "@/app/api/v1/me/sessions/route";
import { verifyPassword } from "@/lib/auth/password";
import { startSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { call } from "../helpers/api";
import { PASSWORD, makeUserWithToken } from "../helpers/users";

// Tokens may call both routes (docs/security-parts/auth.md): a password change needs the current
// password, which a token does not carry; ending sessions leaves the tokens themselves valid.
describe("/api/v1/me/password and /api/v1/me/sessions with a token", () => {
  it("changes the password only with the right current one, under the policy", async () => {
    const { user, token } = await makeUserWithToken();
    const wrong = await call(password.POST, { path: "/me/password", token, json: { currentPassword: "not it at all", newPassword: "a fresh passphrase" } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details.issues[0].path).toBe("currentPassword");
    const short = await call(password.POST, { path: "/me/password", token, json: { currentPassword: PASSWORD, newPassword: "short" } });
    expect(short.status).toBe(400);
    const ok = await call(password.POST, { path: "/me/password", token, json: { currentPassword: PASSWORD, newPassword: "a fresh passphrase" } });
    expect(ok.status).toBe(204);
    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(stored.passwordHash!, "a fresh passphrase")).toBe(true);
  });

  it("ends the user's live sessions and answers how many", async () => {
    const { user, token } = await makeUserWithToken();
    await startSession(user.id);
    await startSession(user.id);
    const res = await call(sessions.DELETE, { path: "/me/sessions", method: "DELETE", token });
    expect(res).toMatchObject({ status: 200, body: { ended: 2 } });
    expect(await db().session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    // The token that asked still works.
    expect((await call(sessions.DELETE, { path: "/me/sessions", method: "DELETE", token })).body).toEqual({ ended: 0 });
  });
});
