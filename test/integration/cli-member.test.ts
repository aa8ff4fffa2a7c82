import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createProject } from "@/lib/projects/create-project";
import { makeUser, uniqueEmail } from "../helpers/users";
import { cli } from "../helpers/cli";

let projectId: string;
let admin: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  // The first account of an empty instance is its admin.
  admin = await makeUser({ email: uniqueEmail("admin") });
  expect(admin.user.isAdmin).toBe(true);
  const owner = await makeUser({ email: uniqueEmail("owner") });
  projectId = (await createProject({ actorId: owner.user.id, input: { name: "Members from the CLI" } })).id;
});

// Each run starts a Node process with tsx (a few seconds on a busy 2-core machine).
describe("tracewell member add", { timeout: 120_000 }, () => {
  it("adds an account to a project by name as the first admin, audited like the UI", async () => {
    const analyst = await makeUser({ email: uniqueEmail("analyst") });
    const run = await cli(["member", "add", "--project", "Members from the CLI", "--email", analyst.user.email, "--role", "annotator"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Added ${analyst.user.email} to "Members from the CLI" as annotator (by ${admin.user.email})`);
    const membership = await db().membership.findUnique({ where: { projectId_userId: { projectId, userId: analyst.user.id } } });
    expect(membership?.role).toBe("annotator");
    const event = await db().auditEvent.findFirst({ where: { action: "membership.added", subjectId: membership!.id } });
    expect(event).toMatchObject({ projectId, actorId: admin.user.id, data: { userId: analyst.user.id, email: analyst.user.email, role: "annotator" } });
  });

  it("acts --as another admin, and refuses an --as who is not an instance admin", async () => {
    const second = await makeUser({ email: uniqueEmail("admin2"), isAdmin: true });
    const plain = await makeUser({ email: uniqueEmail("plain") });
    const viewer = await makeUser({ email: uniqueEmail("viewer") });

    const refused = await cli(["member", "add", "--project", projectId, "--email", viewer.user.email, "--role", "viewer", "--as", plain.user.email]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${plain.user.email} is not an instance admin`);
    expect(await db().membership.count({ where: { projectId, userId: viewer.user.id } })).toBe(0);

    const done = await cli(["member", "add", "--project", projectId, "--email", viewer.user.email, "--role", "viewer", "--as", second.user.email]);
    expect(done.code, done.stderr).toBe(0);
    const membership = await db().membership.findUniqueOrThrow({ where: { projectId_userId: { projectId, userId: viewer.user.id } } });
    const event = await db().auditEvent.findFirst({ where: { action: "membership.added", subjectId: membership.id } });
    expect(event?.actorId).toBe(second.user.id);
  });

  it("refuses a bad role, an unknown account, a duplicate and missing flags, changing nothing", async () => {
    const someone = await makeUser({ email: uniqueEmail("someone") });
    const before = await db().membership.count({ where: { projectId } });
    const badRole = await cli(["member", "add", "--project", projectId, "--email", someone.user.email, "--role", "superuser"]);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/^error: .*role/m);
    const unknown = await cli(["member", "add", "--project", projectId, "--email", "nobody@example.com", "--role", "viewer"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No account uses nobody@example.com");
    const missing = await cli(["member", "add", "--project", projectId, "--email", someone.user.email]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("member add needs --project P, --email E and --role");
    expect(await db().membership.count({ where: { projectId } })).toBe(before);

    expect((await cli(["member", "add", "--project", projectId, "--email", someone.user.email, "--role", "reviewer"])).code).toBe(0);
    const duplicate = await cli(["member", "add", "--project", projectId, "--email", someone.user.email, "--role", "owner"]);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain("is already a member (reviewer)");
  });
});
