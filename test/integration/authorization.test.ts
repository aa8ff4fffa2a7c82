import { beforeAll, describe, expect, it } from "vitest";
import * as members from "@/app/api/v1/projects/[projectId]/members/route";
import * as member from "@/app/api/v1/projects/[projectId]/members/[userId]/route";
import * as project from "@/app/api/v1/projects/[projectId]/route";
import { gateProject } from "@/lib/auth/gate";
import { ACTIONS, can } from "@/lib/auth/policies";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { addMember } from "@/lib/memberships/add-member";
import { changeRole } from "@/lib/memberships/change-role";
import { removeMember } from "@/lib/memberships/remove-member";
import { createProject } from "@/lib/projects/create-project";
import { call } from "../helpers/api";
import { makeUser, makeUserWithToken, uniqueEmail, type TestUser } from "../helpers/users";

type Caller = TestUser & { token: string };
const ROLES: Role[] = ["owner", "reviewer", "annotator", "viewer"];

let users: Record<Role | "outsider", Caller>;
let projectId: string;
let otherProjectId: string;

beforeAll(async () => {
  const made = await Promise.all([...ROLES, "outsider"].map(() => makeUserWithToken()));
  users = Object.fromEntries([...ROLES, "outsider"].map((role, i) => [role, made[i]!])) as typeof users;
  projectId = (await createProject({ actorId: users.owner.user.id, input: { name: "Project A" } })).id;
  for (const role of ["reviewer", "annotator", "viewer"] as const) {
    await addMember({ actorId: users.owner.user.id, projectId, input: { email: users[role].user.email, role } });
  }
  otherProjectId = (await createProject({ actorId: users.outsider.user.id, input: { name: "Project B" } })).id;
});

async function membershipsOf(id: string) {
  const rows = await db().membership.findMany({ where: { projectId: id }, select: { userId: true, role: true } });
  return Object.fromEntries(rows.map((row) => [row.userId, row.role]));
}

describe("gateProject", () => {
  it.each(ROLES)("lets a %s do exactly what the matrix allows, and forbids the rest", async (role) => {
    for (const action of ACTIONS) {
      const attempt = gateProject({ principal: users[role].principal, projectId, action });
      if (can(role, action)) await expect(attempt).resolves.toEqual({ projectId, role });
      else await expect(attempt).rejects.toMatchObject({ code: "forbidden", status: 403 });
    }
  });

  it("hides the project from a non-member for every action", async () => {
    for (const action of ACTIONS) {
      const attempt = gateProject({ principal: users.outsider.principal, projectId, action });
      await expect(attempt).rejects.toMatchObject({ code: "not_found", status: 404 });
    }
  });

  it("answers not_found for a project that does not exist, as for an invisible one", async () => {
    const error = await gateProject({ principal: users.owner.principal, projectId: "nope", action: "project.read" }).catch((e) => e);
    const hidden = await gateProject({ principal: users.owner.principal, projectId: otherProjectId, action: "project.read" }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect({ code: error.code, message: error.message }).toEqual({ code: hidden.code, message: hidden.message });
  });
});

describe("project and member routes, per role", () => {
  const expected = {
    read: { owner: 200, reviewer: 200, annotator: 200, viewer: 200, outsider: 404 },
    manage: { owner: "ok", reviewer: 403, annotator: 403, viewer: 403, outsider: 404 },
  } as const;

  it.each([...ROLES, "outsider"] as const)("project.read and member.read as %s", async (who) => {
    const { token } = users[who];
    const got = await call(project.GET, { path: `/projects/${projectId}`, token, params: { projectId } });
    expect(got.status).toBe(expected.read[who]);
    const listed = await call(members.GET, { path: `/projects/${projectId}/members`, token, params: { projectId } });
    expect(listed.status).toBe(expected.read[who]);
    if (who === "outsider") {
      expect(got.body).toEqual({ error: { code: "not_found", message: "Project not found" } });
      expect(listed.body.error.code).toBe("not_found");
    } else {
      expect(got.body).toMatchObject({ id: projectId, role: who, memberCount: 4 });
      expect(listed.body.members.map((m: { userId: string; role: string }) => [m.userId, m.role]).sort()).toEqual(
        ROLES.map((role) => [users[role].user.id, role]).sort(),
      );
      expect(listed.body.nextCursor).toBeNull();
    }
  });

  it.each(["reviewer", "annotator", "viewer", "outsider"] as const)("project.update and member.manage are refused to %s", async (who) => {
    const { token } = users[who];
    const status = expected.manage[who];
    const code = status === 403 ? "forbidden" : "not_found";
    const before = await membershipsOf(projectId);
    const newcomer = await makeUser();

    const renamed = await call(project.PATCH, {
      path: `/projects/${projectId}`,
      method: "PATCH",
      token,
      json: { name: `Renamed by ${who}` },
      params: { projectId },
    });
    const added = await call(members.POST, {
      path: `/projects/${projectId}/members`,
      token,
      json: { email: newcomer.user.email, role: "viewer" },
      params: { projectId },
    });
    const target = users.viewer.user.id;
    const changed = await call(member.PATCH, {
      path: `/projects/${projectId}/members/${target}`,
      method: "PATCH",
      token,
      json: { role: "owner" },
      params: { projectId, userId: target },
    });
    const removed = await call(member.DELETE, {
      path: `/projects/${projectId}/members/${target}`,
      method: "DELETE",
      token,
      params: { projectId, userId: target },
    });

    for (const result of [renamed, added, changed, removed]) {
      expect(result.status).toBe(status);
      expect(result.body.error.code).toBe(code);
    }
    if (status === 403) expect(renamed.body.error.message).toContain(`(${who})`);
    expect(await membershipsOf(projectId)).toEqual(before);
    expect((await db().project.findUniqueOrThrow({ where: { id: projectId } })).name).toBe("Project A");
  });

  it("project.update and member.manage are allowed to the owner", async () => {
    const { token } = users.owner;
    const newcomer = await makeUser();

    const renamed = await call(project.PATCH, {
      path: `/projects/${projectId}`,
      method: "PATCH",
      token,
      json: { name: "Project A (renamed)" },
      params: { projectId },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "Project A (renamed)", role: "owner" });

    const added = await call(members.POST, {
      path: `/projects/${projectId}/members`,
      token,
      json: { email: newcomer.user.email.toUpperCase(), role: "viewer" },
      params: { projectId },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ userId: newcomer.user.id, email: newcomer.user.email, role: "viewer" });

    const changed = await call(member.PATCH, {
      path: `/projects/${projectId}/members/${newcomer.user.id}`,
      method: "PATCH",
      token,
      json: { role: "annotator" },
      params: { projectId, userId: newcomer.user.id },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.role).toBe("annotator");
    expect((await membershipsOf(projectId))[newcomer.user.id]).toBe("annotator");

    const removed = await call(member.DELETE, {
      path: `/projects/${projectId}/members/${newcomer.user.id}`,
      method: "DELETE",
      token,
      params: { projectId, userId: newcomer.user.id },
    });
    expect(removed.status).toBe(204);
    expect(removed.body).toBeNull();
    expect((await membershipsOf(projectId))[newcomer.user.id]).toBeUndefined();

    // Put the name back for the other tests.
    await call(project.PATCH, { path: `/projects/${projectId}`, method: "PATCH", token, json: { name: "Project A" }, params: { projectId } });
  });
});

describe("adding members", () => {
  it("answers 422 invalid_input for an email without an account, and writes nothing", async () => {
    const before = await membershipsOf(projectId);
    const result = await call(members.POST, {
      path: `/projects/${projectId}/members`,
      token: users.owner.token,
      json: { email: uniqueEmail("ghost"), role: "viewer" },
      params: { projectId },
    });
    expect(result.status).toBe(422);
    expect(result.body.error).toMatchObject({ code: "invalid_input", details: { field: "email" } });
    expect(await membershipsOf(projectId)).toEqual(before);
  });

  it("answers 409 conflict for someone who is already a member", async () => {
    const result = await call(members.POST, {
      path: `/projects/${projectId}/members`,
      token: users.owner.token,
      json: { email: users.viewer.user.email, role: "reviewer" },
      params: { projectId },
    });
    expect(result.status).toBe(409);
    expect(result.body.error.code).toBe("conflict");
    expect((await membershipsOf(projectId))[users.viewer.user.id]).toBe("viewer");
  });

  it.each([
    ["an unknown role", { email: "someone@example.com", role: "admin" }, "role"],
    ["a malformed email", { email: "not-an-email", role: "viewer" }, "email"],
  ])("answers 400 to %s", async (_, json, field) => {
    const result = await call(members.POST, { path: `/projects/${projectId}/members`, token: users.owner.token, json, params: { projectId } });
    expect(result.status).toBe(400);
    expect(result.body.error.details.issues[0].path).toBe(field);
  });
});

describe("cross-project isolation", () => {
  it("a member of project A cannot see or touch project B's members", async () => {
    const { token } = users.owner;
    const p = { projectId: otherProjectId };
    expect((await call(project.GET, { path: `/projects/${otherProjectId}`, token, params: p })).status).toBe(404);
    expect((await call(members.GET, { path: `/projects/${otherProjectId}/members`, token, params: p })).status).toBe(404);
    const target = users.outsider.user.id;
    const removed = await call(member.DELETE, {
      path: `/projects/${otherProjectId}/members/${target}`,
      method: "DELETE",
      token,
      params: { ...p, userId: target },
    });
    expect(removed.status).toBe(404);
    expect((await membershipsOf(otherProjectId))[target]).toBe("owner");
  });

  it("project A's routes cannot reach a user who is only in project B", async () => {
    const target = users.outsider.user.id;
    const changed = await call(member.PATCH, {
      path: `/projects/${projectId}/members/${target}`,
      method: "PATCH",
      token: users.owner.token,
      json: { role: "viewer" },
      params: { projectId, userId: target },
    });
    expect(changed.status).toBe(404);
    expect(changed.body.error).toEqual({ code: "not_found", message: "Member not found" });
    expect((await membershipsOf(otherProjectId))[target]).toBe("owner");
  });
});

describe("the last owner", () => {
  it("cannot be demoted or removed until a second owner exists", async () => {
    const owner = await makeUserWithToken();
    const second = await makeUser();
    const id = (await createProject({ actorId: owner.user.id, input: { name: "Ownership" } })).id;
    await addMember({ actorId: owner.user.id, projectId: id, input: { email: second.user.email, role: "reviewer" } });
    const self = { projectId: id, userId: owner.user.id };

    const demoted = await call(member.PATCH, { path: "/", method: "PATCH", token: owner.token, json: { role: "reviewer" }, params: self });
    expect(demoted.status).toBe(409);
    expect(demoted.body.error.code).toBe("conflict");
    const removed = await call(member.DELETE, { path: "/", method: "DELETE", token: owner.token, params: self });
    expect(removed.status).toBe(409);
    expect(await membershipsOf(id)).toEqual({ [owner.user.id]: "owner", [second.user.id]: "reviewer" });

    // Re-asserting the same role is not a change and is allowed.
    expect((await call(member.PATCH, { path: "/", method: "PATCH", token: owner.token, json: { role: "owner" }, params: self })).status).toBe(200);

    const promoted = await call(member.PATCH, {
      path: "/",
      method: "PATCH",
      token: owner.token,
      json: { role: "owner" },
      params: { projectId: id, userId: second.user.id },
    });
    expect(promoted.status).toBe(200);

    const nowDemoted = await call(member.PATCH, { path: "/", method: "PATCH", token: owner.token, json: { role: "viewer" }, params: self });
    expect(nowDemoted.status).toBe(200);
    expect(await membershipsOf(id)).toEqual({ [owner.user.id]: "viewer", [second.user.id]: "owner" });

    // The former owner has lost member.manage; the new one is now the last owner.
    const forbidden = await call(member.DELETE, {
      path: "/",
      method: "DELETE",
      token: owner.token,
      params: { projectId: id, userId: second.user.id },
    });
    expect(forbidden.status).toBe(403);
    await expect(removeMember({ actorId: second.user.id, projectId: id, userId: second.user.id })).rejects.toMatchObject({
      code: "conflict",
    });
    await removeMember({ actorId: second.user.id, projectId: id, userId: owner.user.id });
    expect(await membershipsOf(id)).toEqual({ [second.user.id]: "owner" });
  });

  it("survives two owners demoting each other at once: exactly one succeeds", async () => {
    const a = await makeUser();
    const b = await makeUser();
    const id = (await createProject({ actorId: a.user.id, input: { name: "Race" } })).id;
    await addMember({ actorId: a.user.id, projectId: id, input: { email: b.user.email, role: "owner" } });

    const results = await Promise.allSettled([
      changeRole({ actorId: a.user.id, projectId: id, userId: a.user.id, input: { role: "viewer" } }),
      changeRole({ actorId: b.user.id, projectId: id, userId: b.user.id, input: { role: "viewer" } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const owners = Object.values(await membershipsOf(id)).filter((role) => role === "owner");
    expect(owners).toHaveLength(1);
  });
});
