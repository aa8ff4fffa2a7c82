import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import * as openapiRoute from "@/app/api/v1/openapi.json/route";
import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { EXPORT_FORMATS } from "@/lib/export/types";
import { createPastedDocument } from "@/lib/documents/upload-documents";
import { addMember } from "@/lib/memberships/add-member";
import { createProject } from "@/lib/projects/create-project";
import { sha256Hex } from "@/lib/text/hash";
import { call } from "../helpers/api";
import { seedCorpus, TEXTS, type SeededCorpus } from "../helpers/export-corpus";
import { exportBytes, exportRequest } from "../helpers/export-routes";
import { makeUserWithToken } from "../helpers/users";

type Caller = Awaited<ReturnType<typeof makeUserWithToken>>;
type Who = "owner" | "reviewer" | "annotator" | "viewer" | "outsider";

let users: Record<Who, Caller>;
let corpus: SeededCorpus;

const MEDIA_TYPES = {
  jsonl: "application/x-ndjson",
  w3c: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
  brat: "application/zip",
  conll: expect.stringMatching(/^text\//),
  spacy: "application/x-ndjson",
  csv: "application/zip",
} as const;

/** The export's text, or for a zip every entry's text joined (the manifest included). */
function contents(format: string, bytes: Buffer): string {
  if (format !== "brat" && format !== "csv") return bytes.toString("utf8");
  return Object.entries(unzipSync(bytes)).map(([name, data]) => `== ${name}\n${Buffer.from(data).toString("utf8")}`).join("\n");
}

beforeAll(async () => {
  const who: Who[] = ["owner", "reviewer", "annotator", "viewer", "outsider"];
  const made = await Promise.all(who.map((w) => makeUserWithToken({ name: `${w} user` })));
  users = Object.fromEntries(who.map((w, i) => [w, made[i]!])) as typeof users;
  corpus = await seedCorpus({ actorId: users.owner.user.id, name: "Border monitoring · 2024" });
  for (const role of ["reviewer", "annotator", "viewer"] as const) {
    await addMember({ actorId: users.owner.user.id, projectId: corpus.projectId, input: { email: users[role].user.email, role } });
  }
});

describe("GET /projects/{id}/export", () => {
  it.each(EXPORT_FORMATS)("streams %s as a download that names its documents' hashes", async (format) => {
    const res = await exportRequest(corpus.projectId, `format=${format}`, users.owner.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toEqual(MEDIA_TYPES[format]);
    expect(res.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="border-monitoring-2024-${format}-\\d{8}T\\d{6}Z\\.(jsonl|jsonld|zip|conll|txt|csv)"$`),
    );
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body).toBeInstanceOf(ReadableStream);
    const text = contents(format, Buffer.from(await res.arrayBuffer()));
    for (const fixture of Object.values(TEXTS)) expect(text).toContain(sha256Hex(fixture.replace(/\r\n/g, "\n")));
    expect(text).toContain("Unicode code points");
  });

  it("applies the filters, in lists or repeated parameters", async () => {
    const read = async (query: string) =>
      (await exportBytes(corpus.projectId, `format=jsonl&${query}`, users.owner.token))
        .toString("utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line))
        .filter((r) => r.type === "document");
    const figures = await read("labels=figure");
    expect(figures.flatMap((d) => d.annotations.map((a: { label: string }) => a.label))).toEqual(Array(5).fill("Figure"));
    const both = await read(`documents=${corpus.documents.arabic}&documents=${corpus.documents.crlf}&status=pending`);
    expect(both.map((d) => d.id).sort()).toEqual([corpus.documents.arabic, corpus.documents.crlf].sort());
    const reviewed = await read("status=accepted,rejected");
    expect(reviewed.flatMap((d) => d.annotations.map((a: { status: string }) => a.status)).sort()).toEqual(["accepted", "rejected"]);
    expect((await read("q=governor")).map((d) => d.id)).toEqual([corpus.documents.crlf]);
    expect(await read(`authors=${users.reviewer.user.email}`)).toEqual([]);
    const manifest = JSON.parse((await exportBytes(corpus.projectId, "format=jsonl&labels=Claim&q=spokesman", users.owner.token)).toString("utf8").split("\n")[0]!);
    expect(manifest.filters).toEqual({ documentIds: null, q: "spokesman", labels: ["Claim"], statuses: null, authors: null, signedOff: null });
  });

  it("refuses an unknown format or status (400), and unknown labels or authors (422)", async () => {
    const status = async (query: string) => {
      const res = await exportRequest(corpus.projectId, query, users.owner.token);
      return [res.status, ((await res.json()) as { error: { message: string } }).error.message];
    };
    expect(await status("format=xml")).toEqual([400, expect.stringContaining("format must be one of jsonl, w3c, brat, conll, spacy, csv")]);
    expect(await status("")).toEqual([400, expect.stringContaining("format")]);
    expect(await status("format=jsonl&status=done")).toEqual([400, expect.stringContaining("status must be pending, accepted, rejected")]);
    expect(await status("format=jsonl&labels=Figure,Weapon")).toEqual([422, 'Unknown label "Weapon" in this project']);
    // Someone's account outside the project is as unknown as no account at all.
    expect(await status(`format=jsonl&authors=${users.outsider.user.email}`)).toEqual([422, `Unknown author "${users.outsider.user.email}" in this project`]);
  });

  it("lets owners and reviewers export; annotators and viewers are forbidden; outsiders see no project", async () => {
    const statuses = Object.fromEntries(
      await Promise.all(
        (Object.keys(users) as Who[]).map(async (who) => {
          const res = await exportRequest(corpus.projectId, "format=spacy", users[who].token);
          await res.body?.cancel();
          return [who, res.status];
        }),
      ),
    );
    expect(statuses).toEqual({ owner: 200, reviewer: 200, annotator: 403, viewer: 403, outsider: 404 });
    expect((await exportRequest("no-such-project", "format=jsonl", users.owner.token)).status).toBe(404);
  });

  it("writes no audit event (an export changes nothing)", async () => {
    const before = await db().auditEvent.count();
    await exportBytes(corpus.projectId, "format=w3c", users.owner.token);
    expect(await db().auditEvent.count()).toBe(before);
  });

  it("releases the database cursor when the client goes away mid-download", async () => {
    // 5,000 annotations (about 2 MB of JSONL): many chunks, of which the client reads one.
    const projectId = (await createProject({ actorId: users.owner.user.id, input: { name: "Big" } })).id;
    const { document } = await createPastedDocument({ actorId: users.owner.user.id, projectId, input: { title: "Words", text: "word ".repeat(5000) } });
    const [label] = await db().label.findMany({ where: { projectId, name: "Entity" } });
    await db().$executeRaw`
      INSERT INTO "Annotation" ("id", "documentId", "labelId", "start", "end", "exact", "authorId", "updatedAt")
      SELECT 'big-' || g, ${document.id}, ${label!.id}, 5 * g, 5 * g + 4, 'word', ${users.owner.user.id}, now()
        FROM generate_series(0, 4999) AS g`;
    const res = await exportRequest(projectId, "format=jsonl", users.owner.token);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    expect(first.value!.byteLength).toBeLessThan(200_000);
    await reader.cancel();
    const pool = pgPool();
    await expect.poll(() => pool.totalCount - pool.idleCount).toBe(0);
    const [row] = await db().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`;
    expect(row!.n).toBe(0);
  });

  it("is described in the OpenAPI document, with the import route", async () => {
    const { body } = await call(openapiRoute.GET, { path: "/openapi.json" });
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(["/projects/{projectId}/export", "/projects/{projectId}/import"]));
    expect(body.paths["/projects/{projectId}/export"].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["projectId", "format", "documents", "q", "labels", "status", "authors", "signedOff"]),
    );
  });
});
