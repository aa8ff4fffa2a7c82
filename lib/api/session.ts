import { getServerSession } from "next-auth";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { authenticateToken } from "@/lib/tokens/authenticate-token";
import { authOptions } from "./auth-options";
import { gateProject } from "@/lib/auth/gate";
import type { Action } from "@/lib/auth/policies";
import type { Principal } from "@/lib/auth/principal";

/**
 * The signed-in user of this request's session cookie, re-read from the database (a deleted
 * account loses access at once). Cached per request: layout and page share one lookup.
 */
export const sessionPrincipal = cache(async (): Promise<Principal | null> => {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const user = await db().user.findUnique({ where: { id } });
  if (!user) return null;
  return { userId: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, via: "session" };
});

/** API callers: a bearer token when the header is present (and then only it), else the session. */
export async function requestPrincipal(headers: Headers): Promise<Principal> {
  const header = headers.get("authorization");
  if (header !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new AppError("unauthenticated", "Authorization header must be `Bearer <token>`");
    return authenticateToken(match[1]!);
  }
  // Without a cookie there is no session to look up (and no next-auth round trip to pay for).
  const principal = headers.has("cookie") ? await sessionPrincipal() : null;
  if (!principal) throw new AppError("unauthenticated", "Sign in or send `Authorization: Bearer <token>`");
  return principal;
}

/** Pages and server actions: the signed-in user, or off to the sign-in page. */
export async function requireUser(): Promise<Principal> {
  const principal = await sessionPrincipal();
  if (!principal) redirect("/sign-in");
  return principal;
}

/** Pages: the project access of the signed-in user; non-members see the not-found page. */
export async function requireProjectPage(projectId: string, action: Action) {
  const principal = await requireUser();
  try {
    return { principal, access: await gateProject({ principal, projectId, action }) };
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
}
