import { randomBytes } from "node:crypto";
import type { Principal } from "@/lib/auth/principal";
import { createToken } from "@/lib/tokens/create-token";
import { createUser } from "@/lib/users/create-user";

export const PASSWORD = "correct horse battery staple";

export function uniqueEmail(tag = "user"): string {
  return `${tag}-${randomBytes(5).toString("hex")}@example.com`;
}

export interface TestUser {
  user: Awaited<ReturnType<typeof createUser>>;
  principal: Principal;
  password: string;
}

/** A real account through the real service (argon2 and all; about 50 ms). */
export async function makeUser({
  email = uniqueEmail(),
  name,
  password = PASSWORD,
  isAdmin,
}: { email?: string; name?: string; password?: string; isAdmin?: boolean } = {}): Promise<TestUser> {
  const user = await createUser({ email, name, password, isAdmin, via: "cli" });
  const principal: Principal = { userId: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, via: "token" };
  return { user, principal, password };
}

/** An account and a bearer secret for it (scope write: tests write through it), for calling route handlers. */
export async function makeUserWithToken(options: Parameters<typeof makeUser>[0] = {}): Promise<TestUser & { token: string }> {
  const made = await makeUser(options);
  const { secret } = await createToken({ userId: made.user.id, input: { name: "tests", scope: "write" } });
  return { ...made, token: secret };
}
