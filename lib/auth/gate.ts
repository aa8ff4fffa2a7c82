import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { annotationRefusal, can, PRINCIPAL_RULES, refusal, type Action, type AnnotationChange, type PrincipalAction } from "./policies";
import type { Principal } from "./principal";

/**
 * The one gate in front of every resource: each loader reads the resource together with the
 * caller's membership of its project in one query, then the rules of lib/auth/policies.ts decide.
 * What the caller may not see (no such row, another project's row, a tombstone not asked for) is
 * 404 naming the resource; what they see but may not do is 403 naming their role and the action.
 */

export interface ProjectAccess {
  projectId: string;
  role: Role;
}
export type DocumentAccess = ProjectAccess & { documentId: string };
export type LabelAccess = ProjectAccess & { labelId: string };
export type EntityAccess = ProjectAccess & { entityId: string };
export type MemberAccess = ProjectAccess & { userId: string };
/** What the annotation services need (tests and imports build it by hand); the gate adds the author. */
export type AnnotationAccess = ProjectAccess & { annotationId: string; documentId: string };

/** A loaded row: its project and the caller's role there (null: not a member). */
type Found = { projectId: string; role: Role | null };

function visible<T extends Found>(found: T | undefined, noun: string, projectId?: string): T & { role: Role } {
  // Another project's resource under this project's URL is as invisible as one that does not exist.
  if (!found || !found.role || (projectId !== undefined && found.projectId !== projectId)) {
    throw new AppError("not_found", `${noun} not found`);
  }
  return found as T & { role: Role };
}

function allow(role: Role, action: Action): void {
  if (!can(role, action)) throw new AppError("forbidden", refusal(role, action));
}

export async function gateProject({ principal, projectId, action }: { principal: Principal; projectId: string; action: Action }): Promise<ProjectAccess> {
  const membership = await db().membership.findUnique({
    where: { projectId_userId: { projectId, userId: principal.userId } },
    select: { role: true },
  });
  const { role } = visible(membership ? { projectId, role: membership.role } : undefined, "Project");
  allow(role, action);
  return { projectId, role };
}

/** `projectId`: the project the caller addressed it under (pages), which must be its own. */
export async function gateDocument({
  principal,
  documentId,
  action,
  projectId,
}: {
  principal: Principal;
  documentId: string;
  action: Action;
  projectId?: string;
}): Promise<DocumentAccess> {
  const [found] = await db().$queryRaw<Found[]>`
    SELECT d."projectId", m."role"::text AS "role" FROM "Document" d
      LEFT JOIN "Membership" m ON m."projectId" = d."projectId" AND m."userId" = ${principal.userId}
     WHERE d."id" = ${documentId}`;
  const { role } = visible(found, "Document", projectId);
  allow(role, action);
  return { projectId: found!.projectId, role, documentId };
}

/** A row of a project-owned table (a label, an entity) with the caller's membership of its project. */
async function gateProjectRow(table: "Label" | "Entity" | "Suggestion", id: string, principal: Principal, action: Action): Promise<ProjectAccess> {
  const [found] = await db().$queryRawUnsafe<Found[]>(
    `SELECT t."projectId", m."role"::text AS "role" FROM "${table}" t
       LEFT JOIN "Membership" m ON m."projectId" = t."projectId" AND m."userId" = $2
      WHERE t."id" = $1`,
    id,
    principal.userId,
  );
  const { role } = visible(found, table);
  allow(role, action);
  return { projectId: found!.projectId, role };
}

export async function gateLabel({ principal, labelId, action }: { principal: Principal; labelId: string; action: Action }): Promise<LabelAccess> {
  return { ...(await gateProjectRow("Label", labelId, principal, action)), labelId };
}

export async function gateSuggestion({ principal, suggestionId, action }: { principal: Principal; suggestionId: string; action: Action }): Promise<ProjectAccess> {
  return gateProjectRow("Suggestion", suggestionId, principal, action);
}

export async function gateEntity({ principal, entityId, action }: { principal: Principal; entityId: string; action: Action }): Promise<EntityAccess> {
  return { ...(await gateProjectRow("Entity", entityId, principal, action)), entityId };
}

/**
 * Another member of the project (`userId`). The caller's right is checked before the target is
 * looked for: any member may list the members, so "not found" tells a member nothing new.
 */
export async function gateMember({
  principal,
  projectId,
  userId,
  action,
}: {
  principal: Principal;
  projectId: string;
  userId: string;
  action: Action;
}): Promise<MemberAccess> {
  const [found] = await db().$queryRaw<(Found & { target: boolean })[]>`
    SELECT me."projectId", me."role"::text AS "role", (t."userId" IS NOT NULL) AS "target" FROM "Membership" me
      LEFT JOIN "Membership" t ON t."projectId" = me."projectId" AND t."userId" = ${userId}
     WHERE me."projectId" = ${projectId} AND me."userId" = ${principal.userId}`;
  const { role, target } = visible(found, "Project");
  allow(role, action);
  if (!target) throw new AppError("not_found", "Member not found");
  return { projectId, role, userId };
}

/**
 * `read`, `edit` (update, delete, restore: own vs another's per ANNOTATION_RULES) or `review`. Tombstones
 * are not found unless the route deals with them (include=deleted, restore, revisions).
 */
export async function gateAnnotation({
  principal,
  annotationId,
  intent,
  includeDeleted = false,
}: {
  principal: Principal;
  annotationId: string;
  /** review: a review decision (review.decide), which may correct the annotation too. */
  intent: "read" | "edit" | "review";
  includeDeleted?: boolean;
}): Promise<AnnotationAccess & { authorId: string; isAuthor: boolean }> {
  const [found] = await db().$queryRaw<(Found & { documentId: string; authorId: string; deleted: boolean })[]>`
    SELECT d."projectId", a."documentId", a."authorId", (a."deletedAt" IS NOT NULL) AS "deleted", m."role"::text AS "role"
      FROM "Annotation" a JOIN "Document" d ON d."id" = a."documentId"
      LEFT JOIN "Membership" m ON m."projectId" = d."projectId" AND m."userId" = ${principal.userId}
     WHERE a."id" = ${annotationId}`;
  const { role, projectId, documentId, authorId, deleted } = visible(found, "Annotation");
  if (deleted && !includeDeleted) throw new AppError("not_found", "Annotation not found");
  const access = { projectId, role, annotationId, documentId, authorId, isAuthor: authorId === principal.userId };
  if (intent === "read") allow(role, "annotation.read");
  else if (intent === "review") allow(role, "review.decide");
  else assertAnnotationChange({ role, change: "edit", isAuthor: access.isAuthor });
  return access;
}

/** For rules only the change itself shows (a new status): checked where the change is known. */
export function assertAnnotationChange({ role, change, isAuthor }: { role: Role; change: AnnotationChange; isAuthor: boolean }): void {
  const refused = annotationRefusal({ role, change, isAuthor });
  if (refused) throw new AppError("forbidden", refused);
}

/** Rules on the credentials alone (instance admin, token minting, token scope). */
export function gatePrincipal(principal: Principal, action: PrincipalAction): void {
  const rule = PRINCIPAL_RULES[action];
  if (!rule.allows(principal)) throw new AppError("forbidden", rule.says);
}
