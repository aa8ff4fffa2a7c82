import type { ApiToken, Label, Project, User } from "@/lib/db/generated/client";
import type { Role } from "@/lib/db/generated/enums";

/** Response shapes of the API, in one place so pages and routes present the same objects. */

export function presentUser(user: Pick<User, "id" | "email" | "name" | "isAdmin" | "createdAt">) {
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, createdAt: user.createdAt.toISOString() };
}

export function presentLabel(label: Label) {
  return {
    id: label.id,
    name: label.name,
    kind: label.kind,
    color: label.color,
    hotkey: label.hotkey,
    description: label.description,
  };
}

export function presentProject(
  project: Project & { role: Role; memberCount: number; documentCount: number; labels?: Label[] },
) {
  return {
    id: project.id,
    name: project.name,
    description: project.description,
    role: project.role,
    memberCount: project.memberCount,
    documentCount: project.documentCount,
    ...(project.labels ? { labels: project.labels.map(presentLabel) } : {}),
    createdAt: project.createdAt.toISOString(),
    updatedAt: project.updatedAt.toISOString(),
  };
}

export function presentMember(member: { userId: string; email: string; name: string; role: Role; since: Date }) {
  return { userId: member.userId, email: member.email, name: member.name, role: member.role, since: member.since.toISOString() };
}

export function presentToken(token: Omit<ApiToken, "tokenHash">) {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}
