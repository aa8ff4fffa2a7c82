import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createProject } from "@/lib/projects/create-project";
import { updateAnnotation } from "@/lib/annotations/update-annotation";
import { signOffDocument, submitDocument } from "@/lib/workflow/change-state";
import { getWorkflow } from "@/lib/workflow/get-workflow";
import { createLabels, seedCorpus, type SeededCorpus } from "../helpers/export-corpus";
import { exportBytes } from "../helpers/export-routes";
import { makeUserWithToken } from "../helpers/users";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The real CLI (`bin/tracewell.mjs`) in a child process, against this test's database. */
function cli(args: string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin/tracewell.mjs"), ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } });
    const stdout: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(stdout), stderr }));
  });
}

const records = (bytes: Buffer) => bytes.toString("utf8").trim().split("\n").map((line) => JSON.parse(line));
const annotationsOf = (bytes: Buffer) =>
  records(bytes)
    .filter((r) => r.type === "document")
    .flatMap((r) => r.annotations.map((a: Record<string, unknown>) => [r.sha256, a.label, a.start, a.end, a.exact, JSON.stringify(a.attributes)].join("|")))
    .sort();

let owner: Awaited<ReturnType<typeof makeUserWithToken>>;
let source: SeededCorpus;
let dir: string;

beforeAll(async () => {
  owner = await makeUserWithToken({ name: "CLI user" });
  source = await seedCorpus({ actorId: owner.user.id, name: "CLI source" });
  dir = mkdtempSync(path.join(os.tmpdir(), "tracewell-cli-"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("tracewell export and import from a terminal", () => {
  it("exports with filters to stdout as the API does, imports into an empty project, and adds nothing the second time", async () => {
    const exported = await cli(["export", "--project", source.projectId, "--format", "jsonl", "--labels", "Entity,Figure"]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toMatch(/Exported \d+ annotations of project "CLI source" as jsonl/);
    const [manifest] = records(exported.stdout);
    expect(manifest).toMatchObject({ type: "manifest", format: "jsonl", offsetUnit: expect.stringContaining("code points"), filters: { labels: expect.any(Array) } });
    const viaApi = await exportBytes(source.projectId, "format=jsonl&labels=Entity,Figure", owner.token);
    expect(annotationsOf(exported.stdout)).toEqual(annotationsOf(viaApi));
    expect(new Set(records(exported.stdout).flatMap((r) => (r.type === "document" ? r.annotations.map((a: { label: string }) => a.label) : [])))).toEqual(
      new Set(["Entity", "Figure"]),
    );

    const file = path.join(dir, "entities-and-figures.jsonl");
    writeFileSync(file, exported.stdout);
    const target = (await createProject({ actorId: owner.user.id, input: { name: "CLI target" } })).id;
    await createLabels(owner.user.id, target);
    const imported = await cli(["import", "--project", target, "--format", "jsonl", file]);
    expect(imported.code, imported.stderr).toBe(0);
    const count = annotationsOf(exported.stdout).length;
    expect(imported.stdout.toString()).toContain(`Imported ${count} annotations into "CLI target"`);
    expect(annotationsOf(await exportBytes(target, "format=jsonl", owner.token))).toEqual(annotationsOf(exported.stdout));

    const again = await cli(["import", "--project", target, "--format", "jsonl", file]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.toString()).toContain(`Imported 0 annotations`);
    expect(again.stdout.toString()).toContain(`${count} annotations were already there`);
    expect(await db().annotation.count({ where: { document: { projectId: target } } })).toBe(count);
  });

  it("exports only signed-off documents with --signed-off, as the API's signedOff=true does", async () => {
    // The CRLF document, submitted, its two annotations accepted, signed off.
    const documentId = source.documents.crlf;
    const access = { projectId: source.projectId, role: "owner" as const, documentId };
    await submitDocument({ actorId: owner.user.id, access, input: {} });
    for (const a of await db().annotation.findMany({ where: { documentId } })) {
      await updateAnnotation({ actorId: owner.user.id, access: { ...access, annotationId: a.id }, input: { version: a.version, status: "accepted" } });
    }
    const { annotationSet } = await getWorkflow({ documentId });
    await signOffDocument({ actorId: owner.user.id, access, input: { annotationSetHash: annotationSet.hash } });

    const exported = await cli(["export", "--project", source.projectId, "--format", "jsonl", "--signed-off"]);
    expect(exported.code, exported.stderr).toBe(0);
    const documents = records(exported.stdout).filter((r) => r.type === "document");
    expect(documents).toHaveLength(1);
    expect(documents[0].signOff.annotationSetHash).toBe(annotationSet.hash);
    expect(documents.every((d) => d.state === "signed_off" && d.signOff?.annotationSetHash)).toBe(true);
    const viaApi = records(await exportBytes(source.projectId, "format=jsonl&signedOff=true", owner.token)).filter((r) => r.type === "document");
    expect(documents.map((d) => d.sha256)).toEqual(viaApi.map((d) => d.sha256));
    const all = records(await exportBytes(source.projectId, "format=jsonl", owner.token)).filter((r) => r.type === "document");
    expect(all.length).toBeGreaterThan(documents.length);
  });

  it("writes a zip format to --output, and a refused import exits 1 and writes nothing", async () => {
    const zip = path.join(dir, "corpus-brat.zip");
    const brat = await cli(["export", "--project", source.projectId, "--format", "brat", "--output", zip]);
    expect(brat.code, brat.stderr).toBe(0);
    expect(readFileSync(zip).subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04])); // "PK\3\4"

    const broken = path.join(dir, "broken.jsonl");
    const text = (await exportBytes(source.projectId, "format=jsonl", owner.token)).toString("utf8");
    writeFileSync(broken, text.replace('"label":"Figure"', '"label":"No such label"'));
    const target = (await createProject({ actorId: owner.user.id, input: { name: "CLI refusal" } })).id;
    await createLabels(owner.user.id, target);
    const refused = await cli(["import", "--project", target, "--format", "jsonl", broken]);
    expect(refused.code).toBe(1);
    expect(refused.stdout.toString()).toContain('unknown labels "No such label"');
    expect(refused.stderr).toContain("Nothing was imported");
    expect(await db().document.count({ where: { projectId: target } })).toBe(0);
  });
});
