import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AuditSealer, sealPending } from "@/lib/audit/sealer";
import { sealLag } from "@/lib/audit/log-store";
import { auditCheckpointFile } from "@/lib/config";
import { checkpointSignatureValid, trustedPublicKey } from "@/lib/audit/signing";
import { verifyAuditLog } from "@/lib/audit/verify-log";
import { db } from "@/lib/db/client";
import { createProject } from "@/lib/projects/create-project";
import { currentAppUrl, useFreshDatabase } from "../helpers/database";
import { makeUser } from "../helpers/users";
import { parkedWriter } from "../helpers/parked-writer";

async function seals() {
  return db().auditSeal.findMany({ orderBy: { seq: "asc" }, include: { event: true } });
}


const eventName = (s: { event: { data: unknown } }) => (s.event.data as { name?: string }).name;

describe("the audit sealer", () => {
  it("seals every committed event with gapless seqs, and holds back (never skips) a late committer", async () => {
    await useFreshDatabase();
    const { user } = await makeUser();
    await sealPending();
    const slow = parkedWriter(user.id, "Late committer");
    await slow.isParked;
    // Writers take no global lock: this one finishes while the slow one is still open.
    await createProject({ actorId: user.id, input: { name: "Early committer" } });

    // The slow transaction is older than the quick one, so neither may be sealed yet.
    const before = (await seals()).length;
    await sealPending();
    expect((await seals()).length).toBe(before);
    expect((await sealLag()).unsealed).toBe(5); // the quick writer's five; the slow one's is not visible yet

    slow.release();
    await slow.done;
    await sealPending();
    const all = await seals();
    expect(all.map((s) => s.seq)).toEqual(all.map((_, i) => BigInt(i + 1)));
    const names = all.map(eventName);
    // (xid, insertion) order: the transaction that began first comes first, even though it committed last.
    expect(names.indexOf("Late committer")).toBeLessThan(names.indexOf("Early committer"));
    expect(await db().auditEvent.count()).toBe(all.length);
    expect(await sealLag()).toEqual({ unsealed: 0, lagMs: 0 });
    expect(await verifyAuditLog()).toMatchObject({ ok: true, treeSize: all.length, problems: [] });
  });

  it("keeps each transaction's events together and gapless under 10 concurrent writers", async () => {
    await useFreshDatabase();
    const { user } = await makeUser();
    await Promise.all(Array.from({ length: 10 }, (_, i) => createProject({ actorId: user.id, input: { name: `Concurrent ${i}` } })));
    await sealPending();
    const all = await seals();
    expect(all).toHaveLength(1 + 10 * 5);
    expect(all.map((s) => s.seq)).toEqual(all.map((_, i) => BigInt(i + 1)));
    const byProject = new Map<string, bigint[]>();
    for (const s of all.slice(1)) byProject.set(s.event.projectId!, [...(byProject.get(s.event.projectId!) ?? []), s.seq]);
    expect(byProject.size).toBe(10);
    for (const seqs of byProject.values()) expect(Number(seqs[4]! - seqs[0]!)).toBe(4);
  });

  it("signs a checkpoint per batch, stores it and appends it to the file outside the database", async () => {
    await useFreshDatabase();
    const { user } = await makeUser();
    await sealPending();
    await createProject({ actorId: user.id, input: { name: "Checkpointed" } });
    const { checkpoint } = await sealPending();
    const stored = await db().auditCheckpoint.findMany({ orderBy: { treeSize: "asc" } });
    expect(stored.at(-1)).toMatchObject({ treeSize: BigInt(checkpoint!.treeSize), rootHash: checkpoint!.rootHash, signature: checkpoint!.signature });
    expect(checkpoint!.treeSize).toBe(6);
    expect(checkpointSignatureValid(trustedPublicKey(), checkpoint!)).toBe(true);
    const lines = readFileSync(auditCheckpointFile(), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.at(-1)).toEqual(checkpoint);
    // Nothing new: no new checkpoint.
    expect((await sealPending()).sealed).toBe(0);
    expect(await db().auditCheckpoint.count()).toBe(stored.length);
  });

  it("runs as one sealer per database even with two started; the other takes over when it stops", async () => {
    await useFreshDatabase();
    const { user } = await makeUser();
    const a = new AuditSealer({ url: currentAppUrl(), intervalMs: 50, log: () => {} });
    const b = new AuditSealer({ url: currentAppUrl(), intervalMs: 50, log: () => {} });
    a.start();
    b.start();
    try {
      await expect.poll(() => a.leader !== b.leader && (a.leader || b.leader), { timeout: 5000 }).toBe(true);
      const [leader, other] = a.leader ? [a, b] : [b, a];
      await Promise.all(Array.from({ length: 5 }, (_, i) => createProject({ actorId: user.id, input: { name: `Sealed live ${i}` } })));
      await expect.poll(async () => (await sealLag()).unsealed, { timeout: 5000 }).toBe(0);
      expect(other.leader).toBe(false);
      await leader.stop();
      await expect.poll(() => other.leader, { timeout: 5000 }).toBe(true);
      await createProject({ actorId: user.id, input: { name: "After the handover" } });
      await expect.poll(async () => (await sealLag()).unsealed, { timeout: 5000 }).toBe(0);
      const all = await seals();
      expect(all).toHaveLength(1 + 6 * 5);
      expect(all.map((s) => s.seq)).toEqual(all.map((_, i) => BigInt(i + 1)));
      expect(await verifyAuditLog()).toMatchObject({ ok: true, treeSize: 31 });
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});

describe("seal lag under load", () => {
  it("stays bounded: the sealer seals while writers write, and catches up when they stop", async () => {
    await useFreshDatabase();
    const { user } = await makeUser();
    const sealer = new AuditSealer({ url: currentAppUrl(), log: () => {} });
    sealer.start();
    try {
      // Four writers back to back for 2.5 s: their transactions overlap all the time, so the
      // snapshot's xmin is never free of a running writer; the sealer must still advance.
      const until = Date.now() + 2500;
      let n = 0;
      const writer = async () => {
        while (Date.now() < until) await createProject({ actorId: user.id, input: { name: `Load ${n++}` } });
      };
      const samples: { unsealed: number; lagMs: number }[] = [];
      const sampler = (async () => {
        while (Date.now() < until) {
          samples.push(await sealLag());
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      })();
      await Promise.all([writer(), writer(), writer(), writer(), sampler]);
      const written = n * 5;
      const atEnd = await sealLag();
      console.log(`seal lag under load: ${written} events in 2.5 s, max unsealed ${Math.max(...samples.map((x) => x.unsealed))}, max lag ${Math.max(...samples.map((x) => x.lagMs))} ms, at the end ${atEnd.unsealed}`);
      // Had the sealer fallen behind for good, (nearly) everything written would still wait.
      expect(atEnd.unsealed).toBeLessThan(written / 2);
      await expect.poll(async () => (await sealLag()).unsealed, { timeout: 10_000 }).toBe(0);
      expect(await db().auditCheckpoint.count()).toBeGreaterThan(1);
      expect(await verifyAuditLog()).toMatchObject({ ok: true, treeSize: written + 1 });
    } finally {
      await sealer.stop();
    }
  });
});

describe("tracewell serve", () => {
  it("runs the sealer: events written through the API get sealed, signed and appended to the data directory's file", async () => {
    const { startServer } = await import("../helpers/server");
    const { makeUserWithToken } = await import("../helpers/users");
    const { useDatabase } = await import("../helpers/database");
    const server = await startServer();
    try {
      await useDatabase({ name: "sealer-serve", url: server.databaseUrl });
      const admin = await makeUserWithToken({ isAdmin: true });
      const headers = { authorization: `Bearer ${admin.token}`, "content-type": "application/json" };
      const created = await fetch(`${server.url}/api/v1/projects`, { method: "POST", headers, body: JSON.stringify({ name: "Through the server" }) });
      expect(created.status).toBe(201);
      const seal = async () => ((await (await fetch(`${server.url}/api/v1/health`, { headers })).json()) as { seal: { unsealed: number } }).seal;
      await expect.poll(async () => (await seal()).unsealed, { timeout: 10_000 }).toBe(0);
      const checkpoint = (await (await fetch(`${server.url}/api/v1/audit/checkpoint`, { headers })).json()) as { treeSize: number; rootHash: string };
      const [events] = await (await import("../helpers/database")).sql<{ n: number }>(server.databaseUrl, `SELECT count(*)::int AS n FROM "AuditEvent"`);
      expect(checkpoint.treeSize).toBe(events!.n);
      const lines = readFileSync(`${server.dataDir}/audit-checkpoints.jsonl`, "utf8").trim().split("\n").map((l) => JSON.parse(l));
      expect(lines.at(-1)).toMatchObject({ treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash });
    } finally {
      await server.stop();
    }
  }, 60_000);
});
