import { describe, expect, it } from "vitest";
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { sealPending } from "@/lib/audit/sealer";
import { verifyAuditLog } from "@/lib/audit/verify-log";
import { db } from "@/lib/db/client";
import { addMember } from "@/lib/memberships/add-member";
import { createProject } from "@/lib/projects/create-project";
import { currentDatabaseUrl, sql, useFreshDatabase } from "../helpers/database";
import { makeUser, uniqueEmail } from "../helpers/users";
import { parkedWriter } from "../helpers/parked-writer";

async function allEvents() {
  return db().auditEvent.findMany({ orderBy: { seq: "asc" } });
}

describe("audit events", () => {
  it("are written by services in the same transaction, in order, with that transaction's id", async () => {
    const { user } = await makeUser();
    const before = await allEvents();
    const project = await createProject({ actorId: user.id, input: { name: "Sahel monitoring", description: "2026" } });

    const events = (await allEvents()).slice(before.length);
    expect(events.map((e) => e.action)).toEqual([
      "project.created",
      "membership.added",
      "label.created",
      "label.created",
      "label.created",
    ]);
    // One transaction: one xid, the same one that wrote the project row.
    const [row] = await sql<{ xid: string }>(currentDatabaseUrl(), `SELECT xmin::text AS xid FROM "Project" WHERE id = $1`, [project.id]);
    events.forEach((event, i) => {
      if (i > 0) expect(event.seq).toBeGreaterThan(events[i - 1]!.seq);
      expect(event.xid).toBe(events[0]!.xid);
      expect(String(event.xid % 2n ** 32n)).toBe(row!.xid);
      expect(event).toMatchObject({ prevHash: null, hash: null });
      expect(event.projectId).toBe(project.id);
      expect(event.actorId).toBe(user.id);
    });
    expect(events[0]).toMatchObject({ subjectType: "project", subjectId: project.id, data: { name: "Sahel monitoring", description: "2026" } });
    expect(events[1]!.data).toEqual({ userId: user.id, email: user.email, role: "owner" });
    const labels = await db().label.findMany({ where: { projectId: project.id }, orderBy: { hotkey: "asc" } });
    expect(events.slice(2).map((e) => e.subjectId)).toEqual(labels.map((l) => l.id));
    expect(events.slice(2).map((e) => (e.data as { name: string }).name)).toEqual(["Claim", "Entity", "Figure"]);
  });

  it("start with the event in the template database, which the sealer puts first", async () => {
    const [first] = await allEvents();
    expect(first).toMatchObject({ seq: 1n });
    await sealPending();
    expect(await db().auditSeal.findUnique({ where: { seq: 1n } })).toMatchObject({ eventSeq: first!.seq });
  });

  it("are absent, with the change, when a service fails", async () => {
    const { user } = await makeUser();
    const project = await createProject({ actorId: user.id, input: { name: "P" } });
    const before = await allEvents();
    const membersBefore = await db().membership.count({ where: { projectId: project.id } });

    await expect(
      addMember({ actorId: user.id, projectId: project.id, input: { email: uniqueEmail("nobody"), role: "viewer" } }),
    ).rejects.toMatchObject({ code: "invalid_input" });

    expect(await allEvents()).toEqual(before);
    expect(await db().membership.count({ where: { projectId: project.id } })).toBe(membersBefore);
  });

  it("roll back with the whole transaction when a later step fails", async () => {
    const { user } = await makeUser();
    const before = await allEvents();
    await expect(
      auditedTransaction(async (tx, audit) => {
        const project = await tx.project.create({ data: { name: "Doomed" } });
        await audit({
          action: "project.created",
          subjectType: "project",
          subjectId: project.id,
          projectId: project.id,
          actorId: user.id,
          data: { name: "Doomed", description: "" },
        });
        throw new Error("boom after the audit event");
      }),
    ).rejects.toThrow("boom");
    expect(await allEvents()).toEqual(before);
    expect(await db().project.count({ where: { name: "Doomed" } })).toBe(0);
  });

  it("refuse an action outside the closed union, failing the transaction", async () => {
    const before = await allEvents();
    await expect(
      auditedTransaction(async (tx, audit) => {
        await tx.project.create({ data: { name: "Unlisted" } });
        await audit({ action: "project.deleted", subjectType: "project", subjectId: "x", actorId: null, data: {} } as never);
      }),
    ).rejects.toThrow();
    expect(await allEvents()).toEqual(before);
    expect(await db().project.count({ where: { name: "Unlisted" } })).toBe(0);
  });

  it.each([
    ["UPDATE", `UPDATE "AuditEvent" SET action = 'x' WHERE seq = 1`],
    ["DELETE", `DELETE FROM "AuditEvent" WHERE seq = 1`],
    // CASCADE: the seals reference the events, and a plain TRUNCATE would stop at that first.
    ["TRUNCATE", `TRUNCATE "AuditEvent" CASCADE`],
  ])("cannot be changed: %s is refused by the trigger", async (op, statement) => {
    const before = await allEvents();
    expect(before.length).toBeGreaterThan(0);
    await expect(sql(currentDatabaseUrl(), statement)).rejects.toThrow(`AuditEvent is append-only: ${op} is not allowed`);
    // Through Prisma too, which is what application code would use: its role may not even try.
    // (Held in a constant: Prisma's message quotes the calling line, which must not match itself.)
    const denied = /Code: `42501`. Message: `permission denied for table AuditEvent`/;
    if (op === "DELETE") {
      await expect(db().auditEvent.deleteMany({})).rejects.toThrow(denied);
    }
    if (op === "UPDATE") {
      await expect(db().auditEvent.update({ where: { seq: 1n }, data: { action: "x" } })).rejects.toThrow(denied);
    }
    expect(await allEvents()).toEqual(before);
  });

  it("form a Merkle log that verifies once sealed", async () => {
    await sealPending();
    const events = await allEvents();
    expect(await verifyAuditLog()).toMatchObject({ ok: true, treeSize: events.length, unsealed: 0, problems: [] });
  });

  it("verify across page boundaries", async () => {
    const events = await allEvents();
    expect(events.length).toBeGreaterThan(3);
    await sealPending();
    expect(await verifyAuditLog({ pageSize: 2 })).toMatchObject({ ok: true, treeSize: events.length });
    expect(await verifyAuditLog({ pageSize: 1 })).toMatchObject({ ok: true, treeSize: events.length });
  });

  it.each([
    ["AuditSeal", `UPDATE "AuditSeal" SET "leafHash" = 'x'`, `DELETE FROM "AuditSeal"`],
    ["AuditCheckpoint", `UPDATE "AuditCheckpoint" SET "rootHash" = 'x'`, `DELETE FROM "AuditCheckpoint"`],
  ])("%s cannot be changed: the trigger refuses the owner, the app role may not even try", async (table, update, remove) => {
    await sealPending();
    for (const statement of [update, remove, `TRUNCATE "${table}"`]) {
      await expect(sql(currentDatabaseUrl(), statement)).rejects.toThrow(`${table} rows are immutable`);
      await expect(sql(process.env.DATABASE_URL!, statement)).rejects.toThrow(`permission denied for table ${table}`);
    }
  });

  it("take no lock: 10 concurrent writers all commit, each transaction's events under one xid", async () => {
    await useFreshDatabase();
    const { user } = await makeUser();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => createProject({ actorId: user.id, input: { name: `Concurrent ${i}` } })),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const events = await allEvents();
    expect(events).toHaveLength(1 + 10 * 5);
    const xids = new Map<string, Set<bigint>>();
    for (const e of events.slice(1)) xids.set(e.projectId!, (xids.get(e.projectId!) ?? new Set()).add(e.xid));
    expect([...xids.values()].map((s) => s.size)).toEqual(Array(10).fill(1));
    await sealPending();
    expect(await verifyAuditLog()).toMatchObject({ ok: true, treeSize: 51 });
  });


  it("do not wait for each other: a slow writer does not hold up a quick one", async () => {
    const { user } = await makeUser();
    const slow = parkedWriter(user.id, "Slow writer");
    await slow.isParked;
    await createProject({ actorId: user.id, input: { name: "Quick writer" } }); // would hang if it waited
    slow.release();
    await slow.done;
    await sealPending();
    expect(await verifyAuditLog()).toMatchObject({ ok: true });
  });

  it("run alone with serialize: a second serialised writer waits until the first commits", async () => {
    const { user } = await makeUser();
    const slow = parkedWriter(user.id, "Serialised writer", { serialize: true });
    await slow.isParked;
    let quickDone = false;
    const quick = parkedWriter(user.id, "Waiting writer", { serialize: true });
    quick.release();
    void quick.done.then(() => (quickDone = true));
    // Blocking is the point here: 300 ms is far longer than an unblocked one-row transaction takes.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(quickDone).toBe(false);
    slow.release();
    await Promise.all([slow.done, quick.done]);
    expect(quickDone).toBe(true);
  });
});
