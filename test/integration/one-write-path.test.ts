import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import * as annotationRoute from "@/app/api/v1/annotations/[annotationId]/route";
import * as restoreRoute from "@/app/api/v1/annotations/[annotationId]/restore/route";
import * as annotationsRoute from "@/app/api/v1/documents/[documentId]/annotations/route";
import * as labelRoute from "@/app/api/v1/labels/[labelId]/route";
import { onAnnotationsChanged, writeAnnotations, type AnnotationChange } from "@/lib/annotations/write-annotations";
import { db } from "@/lib/db/client";
import { createPastedDocument } from "@/lib/documents/upload-documents";
import { createLabel } from "@/lib/labels/create-label";
import { createProject } from "@/lib/projects/create-project";
import { call } from "../helpers/api";
import { exportBytes, importRequest } from "../helpers/export-routes";
import { makeUserWithToken } from "../helpers/users";

/** Issue 12: lib/annotations/write-annotations.ts is the only writer of the Annotation table. */

const ROOT = path.resolve(fileURLToPath(import.meta.url), "../../..");
const MODULE = "lib/annotations/write-annotations.ts";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated" || name === "node_modules") return [];
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|tsx|mts|mjs|js)$/.test(name) ? [full] : [];
  });
}

const PRISMA_WRITE = /\.annotation\s*\.\s*(create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany)\s*\(/;
const SQL_WRITE = /(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"Annotation"(?!\w)/i;

/** Every place outside the module that writes the Annotation table, as `file:line`. */
function writersOutsideModule(): string[] {
  const found: string[] = [];
  for (const file of [...sources(path.join(ROOT, "lib")), ...sources(path.join(ROOT, "app"))]) {
    const relative = path.relative(ROOT, file);
    if (relative === MODULE) continue;
    readFileSync(file, "utf8")
      .split("\n")
      .forEach((line, i) => {
        if (PRISMA_WRITE.test(line) || SQL_WRITE.test(line)) found.push(`${relative}:${i + 1}`);
      });
  }
  return found;
}

describe("the one write path", () => {
  it("is the only module of lib/ and app/ that writes the Annotation table", () => {
    expect(writersOutsideModule()).toEqual([]);
  });

  it("would notice a writer elsewhere (the patterns match what the module itself does)", () => {
    const module = readFileSync(path.join(ROOT, MODULE), "utf8");
    expect(PRISMA_WRITE.test(module)).toBe(true);
    expect(SQL_WRITE.test(module)).toBe(true);
    expect(PRISMA_WRITE.test("await tx.annotation.updateMany({")).toBe(true);
    expect(SQL_WRITE.test('DELETE FROM "Annotation" WHERE')).toBe(true);
    expect(SQL_WRITE.test('SELECT 1 FROM "Annotation" FOR UPDATE')).toBe(false);
    expect(SQL_WRITE.test('INSERT INTO "AnnotationRevision"')).toBe(false);
  });
});

describe("every operation stores exactly one revision per changed annotation", () => {
  let owner: Awaited<ReturnType<typeof makeUserWithToken>>;
  let projectId: string;
  let documentId: string;
  const heard: AnnotationChange[][] = [];

  beforeAll(async () => {
    owner = await makeUserWithToken();
    projectId = (await createProject({ actorId: owner.user.id, input: { name: "Write path" } })).id;
    documentId = (await createPastedDocument({ actorId: owner.user.id, projectId, input: { title: "t", text: "Forty fighters crossed the river at dawn." } })).document
      .id;
    onAnnotationsChanged((changes) => heard.push(changes));
  });

  const revisionCount = (annotationId?: string) => db().annotationRevision.count({ where: annotationId ? { annotationId } : {} });

  it("create, update, delete, restore: one revision each, versions in step, and the listener hears each after commit", async () => {
    heard.length = 0;
    const made = await call(annotationsRoute.POST, { path: `/documents/${documentId}/annotations`, token: owner.token, json: { label: "Claim", start: 0, end: 5 }, params: { documentId } });
    const id = made.body.id as string;
    expect(await revisionCount(id)).toBe(1);
    const params = { annotationId: id };
    await call(annotationRoute.PATCH, { path: `/annotations/${id}`, method: "PATCH", token: owner.token, json: { version: 1, start: 0, end: 13 }, params });
    expect(await revisionCount(id)).toBe(2);
    await call(annotationRoute.DELETE, { path: `/annotations/${id}?version=2`, method: "DELETE", token: owner.token, params });
    expect(await revisionCount(id)).toBe(3);
    await call(restoreRoute.POST, { path: `/annotations/${id}/restore`, token: owner.token, json: { version: 3 }, params });
    const stored = await db().annotationRevision.findMany({ where: { annotationId: id }, orderBy: { version: "asc" } });
    expect(stored.map((r) => [r.version, r.op])).toEqual([[1, "created"], [2, "updated"], [3, "deleted"], [4, "restored"]]);
    expect(stored[1]).toMatchObject({ start: 0, end: 13, exact: "Forty fighter" });
    expect((await db().annotation.findUniqueOrThrow({ where: { id } })).version).toBe(4);
    expect(heard.flat().map((c) => [c.op, c.annotationId, c.version])).toEqual([
      ["created", id, 1],
      ["updated", id, 2],
      ["deleted", id, 3],
      ["restored", id, 4],
    ]);
    // A request that changes nothing and a refused one store nothing.
    await call(annotationRoute.PATCH, { path: `/annotations/${id}`, method: "PATCH", token: owner.token, json: { version: 4, start: 0 }, params });
    await call(annotationRoute.PATCH, { path: `/annotations/${id}`, method: "PATCH", token: owner.token, json: { version: 1, end: 9 }, params });
    expect(await revisionCount(id)).toBe(4);
  });

  it("a label deleted with reassignment: one revision per moved annotation, tombstones included", async () => {
    const from = await createLabel({ actorId: owner.user.id, projectId, input: { name: "Old claim", kind: "claim", color: "#123456" } });
    const ids: string[] = [];
    for (const [start, end] of [[6, 13], [14, 21], [22, 25]]) {
      const res = await call(annotationsRoute.POST, { path: `/documents/${documentId}/annotations`, token: owner.token, json: { label: from.id, start, end }, params: { documentId } });
      ids.push(res.body.id);
    }
    await call(annotationRoute.DELETE, { path: `/annotations/${ids[2]}?version=1`, method: "DELETE", token: owner.token, params: { annotationId: ids[2]! } });
    const before = await revisionCount();
    const res = await call(labelRoute.DELETE, { path: `/labels/${from.id}?reassignTo=Claim`, method: "DELETE", token: owner.token, params: { labelId: from.id } });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    expect(await revisionCount()).toBe(before + 3);
    const moved = await db().annotationRevision.findMany({ where: { annotationId: { in: ids }, op: "updated" } });
    expect(moved.map((r) => r.deleted).sort()).toEqual([false, false, true]);
  });

  it("an import: one revision per imported annotation, in the import's transaction", async () => {
    const bytes = await exportBytes(projectId, `format=jsonl&documents=${documentId}`, owner.token);
    const target = (await createProject({ actorId: owner.user.id, input: { name: "Import target" } })).id;
    const before = await revisionCount();
    const res = await importRequest(target, "jsonl", { name: "c.jsonl", bytes }, owner.token);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.annotations).toBeGreaterThan(0);
    expect(await revisionCount()).toBe(before + res.body.annotations);
  });

  it("tells listeners nothing about a rolled-back write, and only after commit about a committed one", async () => {
    heard.length = 0;
    const label = await db().label.findFirstOrThrow({ where: { projectId, name: "Claim" } });
    const row = { documentId, label: { id: label.id, name: label.name, kind: label.kind }, start: 0, end: 5, exact: "Forty", prefix: "", suffix: " fighters crossed the river at dawn.", attributes: {} };
    await expect(
      writeAnnotations({ projectId, actorId: owner.user.id }, async (writer) => {
        await writer.create([row]);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(heard).toEqual([]);
    let heardInside = -1;
    const [id] = await writeAnnotations({ projectId, actorId: owner.user.id }, async (writer) => {
      const ids = await writer.create([row]);
      heardInside = heard.length;
      return ids;
    });
    expect(heardInside).toBe(0);
    expect(heard).toEqual([[{ op: "created", annotationId: id, documentId, projectId, version: 1, actorId: owner.user.id }]]);
  });
});
