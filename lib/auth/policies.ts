import type { Role } from "@/lib/db/generated/enums";
import type { Principal } from "./principal";

/**
 * Who may do what, in one file (as Outline's policies/ and Dub's permission matrix). Three tables,
 * each readable row by row:
 *   1. PERMISSIONS: a member's role × a project action, `can(role, action)`;
 *   2. ANNOTATION_RULES: changes whose right depends on the annotation (its author) or on the change
 *      itself (its review status), each naming the action of table 1 it needs;
 *   3. PRINCIPAL_RULES: what the credentials allow before any project is involved.
 * Visibility is the other half and has one rule: whoever is not a member of a resource's project
 * does not see it (404, never 403). lib/auth/gate.ts loads a resource with the caller's membership
 * and applies these tables; nothing else decides.
 */

export const ROLES = ["owner", "reviewer", "annotator", "viewer"] as const satisfies readonly Role[];

/** Each action: the roles that may do it, and the words a refusal uses ("does not allow …"). */
export const PERMISSIONS = {
  "project.read": { roles: ["owner", "reviewer", "annotator", "viewer"], means: "seeing this project" },
  "project.update": { roles: ["owner"], means: "changing this project's name and description" },
  "member.read": { roles: ["owner", "reviewer", "annotator", "viewer"], means: "seeing this project's members" },
  "member.manage": { roles: ["owner"], means: "adding, removing or changing members" },
  "label.manage": { roles: ["owner"], means: "creating, changing or deleting labels" },
  "document.read": { roles: ["owner", "reviewer", "annotator", "viewer"], means: "reading documents" },
  "document.create": { roles: ["owner", "reviewer", "annotator"], means: "adding documents" },
  "document.update": { roles: ["owner", "reviewer", "annotator"], means: "editing a document's source metadata" },
  "document.delete": { roles: ["owner"], means: "deleting documents" },
  "annotation.read": { roles: ["owner", "reviewer", "annotator", "viewer"], means: "reading annotations" },
  "annotation.create": { roles: ["owner", "reviewer", "annotator"], means: "creating annotations" },
  "annotation.update.own": { roles: ["owner", "reviewer", "annotator"], means: "changing annotations" },
  "annotation.update.any": { roles: ["owner", "reviewer"], means: "changing other members' annotations" },
  "review.decide": { roles: ["owner", "reviewer"], means: "deciding an annotation's review status" },
  "document.submit": { roles: ["owner", "reviewer", "annotator"], means: "submitting a document for review" },
  /** Requesting changes and signing off (issue 14); an assigned reviewer narrows it to them and owners. */
  "document.signoff": { roles: ["owner", "reviewer"], means: "sending documents back or signing them off" },
  "document.assign": { roles: ["owner"], means: "assigning annotators and reviewers to documents" },
  "entity.read": { roles: ["owner", "reviewer", "annotator", "viewer"], means: "seeing the project's entities" },
  /** Analysts create entities from a span and add the aliases they meet. */
  "entity.create": { roles: ["owner", "reviewer", "annotator"], means: "creating entities" },
  "entity.update": { roles: ["owner", "reviewer", "annotator"], means: "changing entities' names, aliases and ids" },
  /** Deleting and merging change what every member's links mean. */
  "entity.delete": { roles: ["owner", "reviewer"], means: "deleting entities" },
  "entity.merge": { roles: ["owner", "reviewer"], means: "merging entities" },
  /** Exports hand out the whole corpus, every annotator's work included. */
  "export.run": { roles: ["owner", "reviewer"], means: "exporting the corpus" },
  /** Imports create documents and annotations with their review status already set. */
  "import.run": { roles: ["owner", "reviewer"], means: "importing annotations" },
} as const satisfies Record<string, { roles: readonly Role[]; means: string }>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export function can(role: Role, action: Action): boolean {
  return (PERMISSIONS[action].roles as readonly Role[]).includes(role);
}

/** "owners and reviewers": who may, for a refusal to name. */
function whoMay(action: Action): string {
  const roles = PERMISSIONS[action].roles.map((role) => `${role}s`);
  return roles.length === 1 ? `only ${roles[0]}` : `${roles.slice(0, -1).join(", ")} and ${roles.at(-1)}`;
}

/** The 403 message: the caller's role, the action in plain words and by name, and who may. */
export function refusal(role: Role, action: Action): string {
  return `Your role (${role}) does not allow ${PERMISSIONS[action].means} (${action}); ${whoMay(action)} may`;
}

/** Edit: update, delete or restore. Status: change the review status (on top of edit). */
export type AnnotationChange = "edit" | "status";

interface AnnotationRule {
  change: AnnotationChange;
  /** "any": every annotation; "another's": only one the caller did not create. */
  applies: "any" | "another's";
  needs: Action;
  /** The refusal, when the generic one would not say why. */
  says?: (role: Role) => string;
}

/** Every applicable row must pass; the first that fails gives the refusal. */
export const ANNOTATION_RULES: readonly AnnotationRule[] = [
  { change: "edit", applies: "any", needs: "annotation.update.own" },
  {
    change: "edit",
    applies: "another's",
    needs: "annotation.update.any",
    says: (role) => `Your role (${role}) allows changing only your own annotations; this one is another member's`,
  },
  {
    change: "status",
    applies: "any",
    needs: "review.decide",
    says: (role) => `Your role (${role}) cannot set an annotation's status; owners and reviewers decide it`,
  },
];

/** Why `role` may not make `change` to an annotation, or null when it may. */
export function annotationRefusal({ role, change, isAuthor }: { role: Role; change: AnnotationChange; isAuthor: boolean }): string | null {
  for (const rule of ANNOTATION_RULES) {
    if (rule.change !== change || (rule.applies === "another's" && isAuthor)) continue;
    if (!can(role, rule.needs)) return rule.says?.(role) ?? refusal(role, rule.needs);
  }
  return null;
}

/** Rules on the credentials themselves; refused with 403 (the routes are documented: hiding them hides nothing). */
export const PRINCIPAL_RULES = {
  /** The whole instance's audit log: checkpoints, events, proofs. */
  "audit.read": { allows: (p: Principal) => p.isAdmin, says: "Only instance admins may read the audit log" },
  /** How this instance is doing: open streams, memory. */
  "instance.stats": { allows: (p: Principal) => p.isAdmin, says: "Only instance admins may read the instance's statistics" },
  /** A stolen token must not mint fresh, longer-lived ones: sessions and the CLI only. */
  "token.create": { allows: (p: Principal) => p.via !== "token", says: "tokens cannot create tokens; sign in or use the CLI" },
  /** Any unsafe method (POST, PATCH, DELETE …): a read-scoped token may not. */
  write: { allows: (p: Principal) => p.scope !== "read", says: "This access token is read-only; use a token with scope write" },
} as const;

export type PrincipalAction = keyof typeof PRINCIPAL_RULES;

/** What the reader may offer, so it hides what the server would refuse (the server still decides). */
export function viewerCapabilities(role: Role) {
  return {
    canCreate: can(role, "annotation.create"),
    canEditOwn: can(role, "annotation.update.own"),
    canEditAny: can(role, "annotation.update.any"),
    canReview: can(role, "review.decide"),
  };
}

/** The list-query form of the visibility rule: limits any project query to the user's projects. */
export function visibleProjects(userId: string) {
  return { memberships: { some: { userId } } };
}
