import { gateProject } from "@/lib/auth/gate";
import type { Action } from "@/lib/auth/policies";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** A project named on the command line: its id, else its (unique) name. */
export async function resolveProject(ref: string) {
  const byId = await db().project.findUnique({ where: { id: ref } });
  if (byId) return byId;
  const byName = await db().project.findMany({ where: { name: ref }, take: 2 });
  if (byName.length === 1) return byName[0]!;
  throw new AppError("not_found", byName.length ? `Several projects are named "${ref}": use its id` : `No project "${ref}"`);
}

/** The acting member: --email, else the project's first owner; checked against the matrix like any caller. */
export async function resolveActor(projectId: string, email: string | undefined, action: Action) {
  const user = email
    ? await db().user.findUnique({ where: { email: email.trim().toLowerCase() } })
    : (await db().membership.findFirst({ where: { projectId, role: "owner" }, orderBy: { createdAt: "asc" }, include: { user: true } }))?.user;
  if (!user) throw new AppError("not_found", email ? `No account uses ${email}` : "The project has no owner");
  await gateProject({
    principal: { userId: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, via: "token" },
    projectId,
    action,
  });
  return user;
}

/**
 * The acting instance admin for commands that manage projects from outside (member add): --as,
 * which must be an instance admin, else the instance's first admin. Whoever runs the CLI holds
 * the database credentials already; the actor is who the audit log names.
 */
export async function resolveAdmin(email: string | undefined) {
  const user = email
    ? await db().user.findUnique({ where: { email: email.trim().toLowerCase() } })
    : await db().user.findFirst({ where: { isAdmin: true }, orderBy: { createdAt: "asc" } });
  if (!user) throw new AppError("not_found", email ? `No account uses ${email}` : "The instance has no admin yet: create one with `tracewell user create --admin`");
  if (!user.isAdmin) throw new AppError("forbidden", `${user.email} is not an instance admin`);
  return user;
}
