import { beforeAll, describe, expect, it } from "vitest";
import * as checkpointRoute from "@/app/api/v1/audit/checkpoint/route";
import * as eventsRoute from "@/app/api/v1/audit/events/route";
import * as consistencyRoute from "@/app/api/v1/audit/proof/consistency/route";
import * as inclusionRoute from "@/app/api/v1/audit/proof/inclusion/route";
import * as health from "@/app/api/v1/health/route";
import * as historyRoute from "@/app/api/v1/projects/[projectId]/audit/route";
import { canonicalBytes } from "@/lib/audit/jcs";
import { fromHex, leafHash, toHex, verifyConsistency, verifyInclusion } from "@/lib/audit/merkle";
import { sealPending } from "@/lib/audit/sealer";
import { checkpointSignatureValid, publicKeyFrom } from "@/lib/audit/signing";
import { createProject } from "@/lib/projects/create-project";
import { call } from "../helpers/api";
import { makeUserWithToken } from "../helpers/users";

let admin: Awaited<ReturnType<typeof makeUserWithToken>>;
let member: Awaited<ReturnType<typeof makeUserWithToken>>;
let outsider: Awaited<ReturnType<typeof makeUserWithToken>>;
let projectId: string;

beforeAll(async () => {
  admin = await makeUserWithToken({ isAdmin: true });
  member = await makeUserWithToken();
  outsider = await makeUserWithToken();
  projectId = (await createProject({ actorId: member.user.id, input: { name: "Audited" } })).id;
  await createProject({ actorId: outsider.user.id, input: { name: "Elsewhere" } });
  await sealPending();
});

const hex = (h: string) => fromHex(h)!;

describe("the audit API", () => {
  it("serves the signed checkpoint to admins, 403 to everyone else", async () => {
    const res = await call(checkpointRoute.GET, { path: "/audit/checkpoint", token: admin.token });
    expect(res.status).toBe(200);
    expect(checkpointSignatureValid(publicKeyFrom(res.body.publicKey), res.body)).toBe(true);
    const denied = await call(checkpointRoute.GET, { path: "/audit/checkpoint", token: member.token });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("forbidden");
  });

  it("lists sealed events whose JSON hashes to their leaf, and proves them against the checkpoint", async () => {
    const { body: cp } = await call(checkpointRoute.GET, { path: "/audit/checkpoint", token: admin.token });
    const { body } = await call(eventsRoute.GET, { path: "/audit/events?from=1&limit=1000", token: admin.token });
    expect(body.events).toHaveLength(cp.treeSize);
    for (const { seq, leafHash: leaf, event } of body.events) {
      expect(toHex(leafHash(canonicalBytes(event)))).toBe(leaf);
      const proof = await call(inclusionRoute.GET, { path: `/audit/proof/inclusion?seq=${seq}&treeSize=${cp.treeSize}`, token: admin.token });
      expect(proof.body.rootHash).toBe(cp.rootHash);
      expect(verifyInclusion(hex(leaf), seq - 1, cp.treeSize, proof.body.auditPath.map(hex), hex(cp.rootHash))).toBe(true);
    }
    const page = await call(eventsRoute.GET, { path: "/audit/events?from=3&limit=2", token: admin.token });
    expect(page.body.events.map((e: { seq: number }) => e.seq)).toEqual([3, 4]);
  });

  it("proves consistency between tree sizes, and refuses sizes beyond the log", async () => {
    const { body: cp } = await call(checkpointRoute.GET, { path: "/audit/checkpoint", token: admin.token });
    const res = await call(consistencyRoute.GET, { path: `/audit/proof/consistency?from=3&to=${cp.treeSize}`, token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.toRoot).toBe(cp.rootHash);
    expect(verifyConsistency(3, cp.treeSize, hex(res.body.fromRoot), hex(cp.rootHash), res.body.proof.map(hex))).toBe(true);
    const beyond = await call(consistencyRoute.GET, { path: `/audit/proof/consistency?from=1&to=${cp.treeSize + 1}`, token: admin.token });
    expect(beyond.status).toBe(422);
    const bad = await call(inclusionRoute.GET, { path: "/audit/proof/inclusion?seq=0&treeSize=x", token: admin.token });
    expect(bad.status).toBe(400);
  });

  it("shows a project's members its history with seq and leaf hash, and hides it from others", async () => {
    const res = await call(historyRoute.GET, { path: `/projects/${projectId}/audit`, token: member.token, params: { projectId } });
    expect(res.status).toBe(200);
    expect(res.body.events.map((e: { event: { action: string } }) => e.event.action)).toEqual([
      "project.created",
      "membership.added",
      "label.created",
      "label.created",
      "label.created",
    ]);
    for (const e of res.body.events) expect(toHex(leafHash(canonicalBytes(e.event)))).toBe(e.leafHash);
    const hidden = await call(historyRoute.GET, { path: `/projects/${projectId}/audit`, token: outsider.token, params: { projectId } });
    expect(hidden.status).toBe(404);
  });

  it("reports seal lag in health to admins only", async () => {
    await createProject({ actorId: member.user.id, input: { name: "Not sealed yet" } });
    const forAdmin = await health.GET(new Request("http://localhost/api/v1/health", { headers: { authorization: `Bearer ${admin.token}` } }));
    expect(await forAdmin.json()).toEqual({ status: "ok", db: "up", seal: { unsealed: 5, lagMs: expect.any(Number) } });
    const forMember = await health.GET(new Request("http://localhost/api/v1/health", { headers: { authorization: `Bearer ${member.token}` } }));
    expect(await forMember.json()).toEqual({ status: "ok", db: "up" });
    await sealPending();
    const after = await health.GET(new Request("http://localhost/api/v1/health", { headers: { authorization: `Bearer ${admin.token}` } }));
    expect((await after.json()).seal).toEqual({ unsealed: 0, lagMs: 0 });
  });
});
