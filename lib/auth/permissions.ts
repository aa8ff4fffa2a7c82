import type { Role } from "@/lib/db/generated/enums";

export const ROLES = ["owner", "reviewer", "annotator", "viewer"] as const satisfies readonly Role[];

/**
 * Everything a member may do in a project, as one role × action table. Every page, server action
 * and API route asks `can(role, action)` (through `authorizeProject`), nothing decides elsewhere.
 */
export const PERMISSIONS = {
  "project.read": ["owner", "reviewer", "annotator", "viewer"],
  "project.update": ["owner"],
  "member.read": ["owner", "reviewer", "annotator", "viewer"],
  "member.manage": ["owner"],
  "label.manage": ["owner"],
  "document.read": ["owner", "reviewer", "annotator", "viewer"],
  "document.create": ["owner", "reviewer", "annotator"],
  "document.update": ["owner", "reviewer", "annotator"],
  "document.delete": ["owner"],
  "annotation.read": ["owner", "reviewer", "annotator", "viewer"],
  "annotation.create": ["owner", "reviewer", "annotator"],
  "annotation.update.own": ["owner", "reviewer", "annotator"],
  "annotation.update.any": ["owner", "reviewer"],
  "review.decide": ["owner", "reviewer"],
  /** Exports hand out the whole corpus, every annotator's work included: owners and reviewers. */
  "export.run": ["owner", "reviewer"],
  /** Imports create documents and annotations with their review status already set: owners and reviewers. */
  "import.run": ["owner", "reviewer"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export function can(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}
