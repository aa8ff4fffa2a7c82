import { describe, expect, it } from "vitest";
import { ACTIONS, PERMISSIONS, ROLES, can, type Action } from "@/lib/auth/permissions";
import type { Role } from "@/lib/db/generated/enums";

// The intended policy, written out independently of lib/auth/permissions.ts: a change to the
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
      const roles = PERMISSIONS[action] as readonly string[];
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
});
