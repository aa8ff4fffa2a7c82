import { describe, expect, it } from "vitest";
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { GENESIS_HASH, eventHash } from "@/lib/audit/hash";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { db } from "@/lib/db/client";
import { addMember } from "@/lib/memberships/add-member";
import { createProject } from "@/lib/projects/create-project";
import { currentDatabaseUrl, sql, useFreshDatabase, withClient } from "../helpers/database";
import { makeUser, uniqueEmail } from "../helpers/users";

async function allEvents() {
  return db().auditEvent.findMany({ orderBy: { seq: "asc" } });
}

/** Edits the log behind the trigger's back, as a superuser with direct access could. */
async function tamper(statement: string, params: unknown[] = []): Promise<void> {
  await withClient(currentDatabaseUrl(), async (client) => {
    await client.query("BEGIN");
    await client.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
    const result = await client.query(statement, params);
    expect(result.rowCount).toBe(1);
    await client.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
    await client.query("COMMIT");
  });
}

describe("audit events", () => {
  it("are written by services in the same transaction, seq contiguous and hash-linked", async () => {
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
    const last = before[before.length - 1]!;
    events.forEach((event, i) => {
      expect(event.seq).toBe(last.seq + BigInt(i + 1));
      expect(event.prevHash).toBe(i === 0 ? last.hash : events[i - 1]!.hash);
      expect(event.hash).toBe(eventHash(event.prevHash, event));
      expect(event.projectId).toBe(project.id);
      expect(event.actorId).toBe(user.id);
    });
    expect(events[0]).toMatchObject({ subjectType: "project", subjectId: project.id, data: { name: "Sahel monitoring", description: "2026" } });
    expect(events[1]!.data).toEqual({ userId: user.id, email: user.email, role: "owner" });
    const labels = await db().label.findMany({ where: { projectId: project.id }, orderBy: { hotkey: "asc" } });
    expect(events.slice(2).map((e) => e.subjectId)).toEqual(labels.map((l) => l.id));
    expect(events.slice(2).map((e) => (e.data as { name: string }).name)).toEqual(["Claim", "Entity", "Figure"]);
  });

  it("starts the chain from the genesis hash", async () => {
    const [first] = await allEvents();
    expect(first).toMatchObject({ seq: 1n, prevHash: GENESIS_HASH });
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
    ["TRUNCATE", `TRUNCATE "AuditEvent"`],
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

  it("form a chain that verifies", async () => {
    const report = await verifyAuditChain();
    const events = await allEvents();
    expect(report).toEqual({ ok: true, events: events.length, lastHash: events[events.length - 1]!.hash });
  });

  it("verify across page boundaries", async () => {
    const events = await allEvents();
    expect(events.length).toBeGreaterThan(3);
    expect(await verifyAuditChain({ pageSize: 2 })).toEqual({ ok: true, events: events.length, lastHash: events[events.length - 1]!.hash });
    expect(await verifyAuditChain({ pageSize: 1 })).toMatchObject({ ok: true, events: events.length });
  });

  it("stay gap-free and verifiable under 10 concurrent writers", async () => {
    await useFreshDatabase();
    const { user } = await makeUser();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => createProject({ actorId: user.id, input: { name: `Concurrent ${i}` } })),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);

    const events = await allEvents();
    expect(events).toHaveLength(1 + 10 * 5);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => BigInt(i + 1)));
    // Each transaction's five events are consecutive: writers are serialised, not interleaved.
    const byProject = new Map<string, bigint[]>();
    for (const e of events.slice(1)) byProject.set(e.projectId!, [...(byProject.get(e.projectId!) ?? []), e.seq]);
    expect(byProject.size).toBe(10);
    for (const seqs of byProject.values()) expect(Number(seqs[4]! - seqs[0]!)).toBe(4);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, events: 51 });
  });

  /** Starts a writer that records its event, then waits inside its transaction until released. */
  function parkedWriter(userId: string, name: string, options?: { serialize: boolean }) {
    let release!: () => void;
    let parked!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const isParked = new Promise<void>((resolve) => (parked = resolve));
    const done = auditedTransaction(async (tx, audit) => {
      const project = await tx.project.create({ data: { name } });
      await audit({ action: "project.created", subjectType: "project", subjectId: project.id, projectId: project.id, actorId: userId, data: { name, description: "" } });
      parked();
      await gate;
    }, options);
    return { release, isParked, done };
  }

  it("take the chain lock only at the end: a slow writer does not hold up a quick one", async () => {
    const { user } = await makeUser();
    const slow = parkedWriter(user.id, "Slow writer");
    await slow.isParked;
    const quick = await createProject({ actorId: user.id, input: { name: "Quick writer" } });
    slow.release();
    await slow.done;
    const events = await allEvents();
    const quickSeq = events.find((e) => e.projectId === quick.id)!.seq;
    const slowSeq = events.find((e) => e.action === "project.created" && (e.data as { name: string }).name === "Slow writer")!.seq;
    expect(slowSeq).toBeGreaterThan(quickSeq); // chained in commit order
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("run alone with serialize: a quick writer waits until the serialised one commits", async () => {
    const { user } = await makeUser();
    const slow = parkedWriter(user.id, "Serialised writer", { serialize: true });
    await slow.isParked;
    let quickDone = false;
    const quick = createProject({ actorId: user.id, input: { name: "Waiting writer" } }).then(() => (quickDone = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(quickDone).toBe(false);
    slow.release();
    await Promise.all([slow.done, quick]);
    expect(quickDone).toBe(true);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });
});

describe("verifyAuditChain() on a tampered log", () => {
  async function seedChain() {
    await useFreshDatabase();
    const { user } = await makeUser();
    await createProject({ actorId: user.id, input: { name: "Evidence" } });
    const events = await allEvents();
    expect(events).toHaveLength(6);
    expect((await verifyAuditChain()).ok).toBe(true);
    return events;
  }

  it("names the altered event when a row's data is changed", async () => {
    await seedChain();
    await tamper(`UPDATE "AuditEvent" SET data = jsonb_set(data, '{name}', '"Forged"') WHERE seq = 4`);
    const report = await verifyAuditChain();
    expect(report.ok).toBe(false);
    expect(report.broken).toEqual({ seq: "4", reason: expect.stringMatching(/content does not match its hash/) });
    expect(report.events).toBe(3);
  });

  it("names the altered event when its timestamp or actor is changed", async () => {
    await seedChain();
    await tamper(`UPDATE "AuditEvent" SET at = at + interval '1 millisecond' WHERE seq = 2`);
    expect((await verifyAuditChain()).broken?.seq).toBe("2");
    await tamper(`UPDATE "AuditEvent" SET at = at - interval '1 millisecond' WHERE seq = 2`);
    expect((await verifyAuditChain()).ok).toBe(true);
    await tamper(`UPDATE "AuditEvent" SET "actorId" = NULL WHERE seq = 5`);
    expect((await verifyAuditChain()).broken).toEqual({ seq: "5", reason: expect.stringMatching(/altered/) });
  });

  it("names an event whose stored hash was replaced", async () => {
    await seedChain();
    await tamper(`UPDATE "AuditEvent" SET hash = repeat('f', 64) WHERE seq = 3`);
    expect((await verifyAuditChain()).broken).toEqual({ seq: "3", reason: expect.stringMatching(/altered/) });
  });

  it("catches a forger who rewrites a row and recomputes its hash, at the next link", async () => {
    const events = await seedChain();
    const forgedData = { name: "Forged", kind: "claim", color: "#000000", hotkey: null };
    const forgedHash = eventHash(events[1]!.hash, { ...events[2]!, data: forgedData });
    await tamper(`UPDATE "AuditEvent" SET data = $1, hash = $2 WHERE seq = 3`, [JSON.stringify(forgedData), forgedHash]);
    expect(await verifyAuditChain()).toMatchObject({
      ok: false,
      events: 3,
      broken: { seq: "4", reason: expect.stringMatching(/prevHash does not match/) },
    });
  });

  it("reports a deleted middle row as a gap", async () => {
    await seedChain();
    await tamper(`DELETE FROM "AuditEvent" WHERE seq = 3`);
    const report = await verifyAuditChain();
    expect(report.ok).toBe(false);
    expect(report.broken).toEqual({ seq: "4", reason: "event 3 is missing (next is 4)" });
    expect(report.events).toBe(2);
  });

  it("reports a missing first event", async () => {
    await seedChain();
    await tamper(`DELETE FROM "AuditEvent" WHERE seq = 1`);
    expect((await verifyAuditChain()).broken).toEqual({ seq: "2", reason: "event 1 is missing (next is 2)" });
  });
});
