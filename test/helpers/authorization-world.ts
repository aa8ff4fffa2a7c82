import { randomBytes } from "node:crypto";
import { createAnnotation } from "@/lib/annotations/create-annotation";
import { deleteAnnotation } from "@/lib/annotations/delete-annotation";
import { sealPending } from "@/lib/audit/sealer";
import { db } from "@/lib/db/client";
import { createPastedDocument } from "@/lib/documents/upload-documents";
import { createLabel } from "@/lib/labels/create-label";
import { addMember } from "@/lib/memberships/add-member";
import { createProject } from "@/lib/projects/create-project";
import { createToken } from "@/lib/tokens/create-token";
import { submitDocument } from "@/lib/workflow/change-state";
import { createEntity } from "@/lib/entities/create-entity";
import { runSuggestions } from "@/lib/suggestions/run-suggestions";
import { makeUser, makeUserWithToken } from "./users";

/**
 * One project (P) with a member of every role, a project (Q) whose owner is the "outsider", an
 * instance admin who is in neither, and the fixtures the authorization table's requests need.
 * Fresh resources are made through the services, never through the routes under test.
 */

export const MEMBER_ROLES = ["owner", "reviewer", "annotator", "viewer"] as const;
export const CALLERS = [...MEMBER_ROLES, "outsider", "admin", "anonymous", "bad token"] as const;
export type Caller = (typeof CALLERS)[number];

export const TEXT = "Alpha beta gamma delta epsilon.";
export const LABEL = "Note";

export type World = Awaited<ReturnType<typeof makeWorld>>;

export async function makeWorld() {
  // The first account of an instance becomes its admin: make the admin first, on purpose.
  const admin = await makeUserWithToken({ isAdmin: true });
  const people = Object.fromEntries(
    await Promise.all([...MEMBER_ROLES, "outsider", "colleague", "bystander"].map(async (who) => [who, await makeUserWithToken()] as const)),
  );
  const users = { ...people, admin } as Record<(typeof MEMBER_ROLES)[number] | "outsider" | "colleague" | "bystander" | "admin", Awaited<ReturnType<typeof makeUserWithToken>>>;
  const ownerId = users.owner.user.id;
  const projectId = (await createProject({ actorId: ownerId, input: { name: "Project P" } })).id;
  for (const role of ["reviewer", "annotator", "viewer"] as const) {
    await addMember({ actorId: ownerId, projectId, input: { email: users[role].user.email, role } });
  }
  // The author of "another member's" annotations: a member, but never a caller.
  await addMember({ actorId: ownerId, projectId, input: { email: users.colleague.user.email, role: "annotator" } });
  await createProject({ actorId: users.outsider.user.id, input: { name: "Project Q" } });
  await createLabel({ actorId: ownerId, projectId, input: { name: LABEL, kind: "other", color: "#336699" } });
  const document = await createPastedDocument({ actorId: ownerId, projectId, input: { title: "Shared", text: TEXT } }).then((made) => made.document);
  await sealPending();

  const unique = () => randomBytes(4).toString("hex");
  const world = {
    projectId,
    documentId: document.id,
    users,
    labelId: (await db().label.findFirstOrThrow({ where: { projectId, name: LABEL } })).id,
    token(caller: Caller): string | undefined {
      if (caller === "anonymous") return undefined;
      if (caller === "bad token") return "twl_not_a_real_token";
      return users[caller].token;
    },
    /** The caller's own user id when they are a member of P (else the colleague's: nobody's own). */
    authorFor(caller: Caller): string {
      return (MEMBER_ROLES as readonly string[]).includes(caller) ? users[caller as (typeof MEMBER_ROLES)[number]].user.id : users.colleague.user.id;
    },
    unique,
    async document(): Promise<string> {
      return (await createPastedDocument({ actorId: ownerId, projectId, input: { title: `Doc ${unique()}`, text: `Text ${unique()}` } })).document.id;
    },
    /** A new document, submitted for review (in_review, no annotations). */
    async submitted(): Promise<string> {
      const documentId = await world.document();
      await submitDocument({ actorId: ownerId, access: { projectId, role: "owner", documentId }, input: {} });
      return documentId;
    },
    /** A new entity of P (nothing links to it). */
    async entity(): Promise<string> {
      return (await createEntity({ actorId: ownerId, projectId, input: { name: `Entity ${unique()}`, aliases: [`E-${unique()}`] } })).id;
    },
    /** An open suggestion on a new document of P: an entity's alias found in the text. */
    async suggestion(): Promise<string> {
      const entityId = await world.entity();
      const alias = (await db().entity.findUniqueOrThrow({ where: { id: entityId } })).aliases[0]!;
      const { document } = await createPastedDocument({ actorId: ownerId, projectId, input: { title: `S ${unique()}`, text: `${TEXT} ${alias}.` } });
      await runSuggestions({ actorId: ownerId, projectId, documentId: document.id });
      return (await db().suggestion.findFirstOrThrow({ where: { documentId: document.id, entityId } })).id;
    },
    async annotation(authorId: string): Promise<string> {
      return (await createAnnotation({ actorId: authorId, documentId: document.id, input: { label: LABEL, start: 0, end: 5 } })).id;
    },
    /** A deleted annotation (its version is then 2). */
    async tombstone(authorId: string): Promise<string> {
      const id = await world.annotation(authorId);
      const access = { projectId, role: "owner" as const, annotationId: id, documentId: document.id };
      await deleteAnnotation({ actorId: authorId, access, input: { version: 1 } });
      return id;
    },
    async label(): Promise<string> {
      return (await createLabel({ actorId: ownerId, projectId, input: { name: `L ${unique()}`, kind: "other", color: "#123456" } })).id;
    },
    /** A new viewer of P. */
    async member(): Promise<string> {
      const { user } = await makeUser();
      await addMember({ actorId: ownerId, projectId, input: { email: user.email, role: "viewer" } });
      return user.id;
    },
    async tokenOf(userId: string): Promise<string> {
      return (await createToken({ userId, input: { name: `t ${unique()}` } })).token.id;
    },
  };
  return world;
}

export async function auditEventCount(): Promise<number> {
  const [row] = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "AuditEvent"`;
  return Number(row!.n);
}
