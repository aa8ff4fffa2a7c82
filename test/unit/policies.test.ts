import { describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import {
  ACTIONS,
  PERMISSIONS,
  PRINCIPAL_RULES,
  ROLES,
  annotationRefusal,
  can,
  refusal,
  viewerCapabilities,
  type Action,
} from "@/lib/auth/policies";
import type { Role } from "@/lib/db/generated/enums";

// The intended policy, written out independently of lib/auth/policies.ts: a change to the
// matrix must be made in both places, on purpose. O = owner, R = reviewer, A = annotator, V = viewer.
const EXPECTED: Record<Action, string> = {
  "project.read": "ORAV",
  "project.update": "O",
  "member.read": "ORAV",
  "member.manage": "O",
  "label.manage": "O",
  "document.read": "ORAV",
  "document.create": "ORA",
  "document.update": "ORA",
  "document.delete": "O",
  "annotation.read": "ORAV",
  "annotation.create": "ORA",
  "annotation.update.own": "ORA",
  "annotation.update.any": "OR",
  "review.decide": "OR",
  "document.submit": "ORA",
  "document.signoff": "OR",
  "document.assign": "O",
  "entity.read": "ORAV",
  "entity.create": "ORA",
  "entity.update": "ORA",
  "entity.delete": "OR",
  "entity.merge": "OR",
  "export.run": "OR",
  "import.run": "OR",
};

const LETTER: Record<Role, string> = { owner: "O", reviewer: "R", annotator: "A", viewer: "V" };

describe("permission matrix", () => {
  it("knows exactly the four roles of the schema", () => {
    expect([...ROLES]).toEqual(["owner", "reviewer", "annotator", "viewer"]);
  });

  it("declares exactly the actions of the expected table", () => {
    expect([...ACTIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  const cases = ACTIONS.flatMap((action) =>
    ROLES.map((role) => ({ role, action, allowed: (EXPECTED[action] ?? "").includes(LETTER[role]) })),
  );

  it.each(cases)("$role → $action: $allowed", ({ role, action, allowed }) => {
    expect(can(role, action)).toBe(allowed);
  });

  it("lists no role twice and no unknown role for any action", () => {
    for (const action of ACTIONS) {
      const roles = PERMISSIONS[action].roles as readonly string[];
      expect(new Set(roles).size).toBe(roles.length);
      for (const role of roles) expect(ROLES as readonly string[]).toContain(role);
    }
  });

  it("is monotone: every right of a lower role is also a right of each higher role", () => {
    for (const action of ACTIONS) {
      for (let i = 1; i < ROLES.length; i++) {
        if (can(ROLES[i]!, action)) expect(can(ROLES[i - 1]!, action), `${ROLES[i - 1]} ${action}`).toBe(true);
      }
    }
  });

  it("refuses in plain words naming the role, the action and who may", () => {
    expect(refusal("annotator", "export.run")).toBe(
      "Your role (annotator) does not allow exporting the corpus (export.run); owners and reviewers may",
    );
    expect(refusal("reviewer", "member.manage")).toBe(
      "Your role (reviewer) does not allow adding, removing or changing members (member.manage); only owners may",
    );
    expect(refusal("viewer", "document.create")).toMatch(/; owners, reviewers and annotators may$/);
  });
});

describe("annotation rules (own vs another's, status)", () => {
  // [role, change, isAuthor] → allowed, written out by hand.
  const table: [Role, "edit" | "status", boolean, boolean][] = [
    ["owner", "edit", false, true],
    ["reviewer", "edit", false, true],
    ["annotator", "edit", true, true],
    ["annotator", "edit", false, false],
    ["viewer", "edit", true, false],
    ["viewer", "edit", false, false],
    ["owner", "status", true, true],
    ["reviewer", "status", false, true],
    ["annotator", "status", true, false],
    ["viewer", "status", false, false],
  ];

  it.each(table)("%s, %s, author %s → allowed %s", (role, change, isAuthor, allowed) => {
    expect(annotationRefusal({ role, change, isAuthor }) === null).toBe(allowed);
  });

  it("says why: another member's annotation, or the review status", () => {
    expect(annotationRefusal({ role: "annotator", change: "edit", isAuthor: false })).toBe(
      "Your role (annotator) allows changing only your own annotations; this one is another member's",
    );
    expect(annotationRefusal({ role: "annotator", change: "status", isAuthor: true })).toMatch(/cannot set an annotation's status/);
    // A viewer may change no annotation at all, not even "only their own".
    expect(annotationRefusal({ role: "viewer", change: "edit", isAuthor: false })).toMatch(/^Your role \(viewer\) does not allow changing annotations/);
  });

  it("gives the reader the same answers as the matrix", () => {
    expect(viewerCapabilities("annotator")).toEqual({ canCreate: true, canEditOwn: true, canEditAny: false, canReview: false });
    expect(viewerCapabilities("reviewer")).toEqual({ canCreate: true, canEditOwn: true, canEditAny: true, canReview: true });
    expect(viewerCapabilities("viewer")).toEqual({ canCreate: false, canEditOwn: false, canEditAny: false, canReview: false });
  });
});

describe("principal rules", () => {
  const base: Principal = { userId: "u", email: "u@example.com", name: "U", isAdmin: false, via: "session" };
  it.each([
    ["audit.read", base, false],
    ["audit.read", { ...base, isAdmin: true }, true],
    ["token.create", base, true],
    ["token.create", { ...base, via: "token", scope: "write" }, false],
    ["write", { ...base, via: "token", scope: "read" }, false],
    ["write", { ...base, via: "token", scope: "write" }, true],
    ["write", base, true],
  ] as const)("%s for %o → %s", (action, principal, allowed) => {
    expect(PRINCIPAL_RULES[action].allows(principal)).toBe(allowed);
  });
});
