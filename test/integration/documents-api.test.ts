import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { NextRequest } from "next/server";
import { zipSync } from "fflate";
import { PDFDocument } from "pdf-lib";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as documentRoute from "@/app/api/v1/documents/[documentId]/route";
import * as originalRoute from "@/app/api/v1/documents/[documentId]/original/route";
import * as documentsRoute from "@/app/api/v1/projects/[projectId]/documents/route";
import { db } from "@/lib/db/client";
import { addMember } from "@/lib/memberships/add-member";
import { createProject } from "@/lib/projects/create-project";
import { call } from "../helpers/api";
import { makeUserWithToken } from "../helpers/users";

type Upload = { name: string; bytes: Uint8Array | string };

let owner: Awaited<ReturnType<typeof makeUserWithToken>>;
let projectId: string;

beforeAll(async () => {
  owner = await makeUserWithToken();
  projectId = (await createProject({ actorId: owner.user.id, input: { name: "Sources" } })).id;
});

afterEach(() => {
  delete process.env.TRACEWELL_MAX_FILE_BYTES;
});

async function upload(files: Upload[], { token = owner.token, project = projectId } = {}) {
  const form = new FormData();
  for (const file of files) {
    const bytes = typeof file.bytes === "string" ? new TextEncoder().encode(file.bytes) : file.bytes;
    form.append("file", new File([bytes as Uint8Array<ArrayBuffer>], file.name));
  }
  const req = new NextRequest(`http://localhost:3000/api/v1/projects/${project}/documents`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const res = await documentsRoute.POST(req, { params: Promise.resolve({ projectId: project }) });
  return { status: res.status, body: await res.json() };
}

function getDocument(documentId: string, token = owner.token) {
  return call(documentRoute.GET, { path: `/documents/${documentId}`, token, params: { documentId } });
}

async function counts() {
  return {
    documents: await db().document.count(),
    originals: await db().documentOriginal.count(),
    events: await db().auditEvent.count(),
  };
}

/** Hash and code-point length as Python computes them: the independent check the issue asks for. */
function pythonFacts(text: string): { sha256: string; length: number } {
  const script = "import sys,hashlib,json; t=sys.stdin.buffer.read().decode('utf-8'); print(json.dumps({'sha256':hashlib.sha256(t.encode('utf-8')).hexdigest(),'length':len(t)}))";
  const out = spawnSync("python3", ["-c", script], { input: Buffer.from(text, "utf8") });
  if (out.status !== 0) throw new Error(`python3 failed: ${out.stderr}`);
  return JSON.parse(out.stdout.toString());
}

function utf16(text: string, endian: "le" | "be"): Uint8Array {
  const le = Buffer.from("\ufeff" + text, "utf16le");
  if (endian === "le") return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return be;
}

const MIXED = [
  "Field report 👩‍👩‍👧 from the border 🇦🇫",
  "",
  "Spokesman ذبيح الله مُجاهد said more than 6000 fighters crossed; e\u0301te\u0301 𠀋 notes.",
].join("\n");

describe("uploading files", () => {
  it("stores a UTF-8 file with CRLF as canonical text whose hash and length match Python's", async () => {
    const { status, body } = await upload([{ name: "report.txt", bytes: MIXED.replace(/\n/g, "\r\n") }]);
    expect(status).toBe(201);
    expect(body.results).toHaveLength(1);
    expect(body.results[0]).toMatchObject({ filename: "report.txt", status: "created" });
    const doc = await getDocument(body.results[0].document.id);
    expect(doc.status).toBe(200);
    expect(doc.body.text).toBe(MIXED);
    expect(doc.body.text).not.toContain("\r");
    const python = pythonFacts(MIXED);
    expect({ sha256: doc.body.sha256, length: doc.body.length }).toEqual(python);
    expect(doc.body.length).toBeLessThan(MIXED.length); // UTF-16 units differ from code points here
    expect(doc.body.title).toBe("report");
    expect(doc.body.offsetUnit).toMatch(/code points/);
  });

  it("decodes UTF-16 LE and BE with a BOM to the same canonical text, reported as duplicates", async () => {
    const text = "Nearly 400 civilians, روایت شده, ✊🏽 end.\nSecond line.";
    const first = await upload([{ name: "utf8.txt", bytes: text }]);
    expect(first.body.results[0].status).toBe("created");
    const id = first.body.results[0].document.id;
    const { status, body } = await upload([
      { name: "le.txt", bytes: utf16(text, "le") },
      { name: "be.txt", bytes: utf16(text, "be") },
    ]);
    expect(status).toBe(200);
    expect(body.results.map((r: { status: string; document: { id: string } }) => [r.status, r.document.id])).toEqual([
      ["duplicate", id],
      ["duplicate", id],
    ]);
  });

  it("keeps the original bytes and serves them back exactly, with their digest", async () => {
    const bytes = utf16("Original bytes matter.\r\nEven CRLF.", "be");
    const { body } = await upload([{ name: "evidence.txt", bytes }]);
    const documentId = body.results[0].document.id;
    const res = await originalRoute.GET(
      new NextRequest(`http://localhost:3000/api/v1/documents/${documentId}/original`, { headers: { authorization: `Bearer ${owner.token}` } }),
      { params: Promise.resolve({ documentId }) },
    );
    expect(res.status).toBe(200);
    const served = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(served).equals(Buffer.from(bytes))).toBe(true);
    const sha = createHash("sha256").update(bytes).digest();
    expect(res.headers.get("repr-digest")).toBe(`sha-256=:${sha.toString("base64")}:`);
    expect(res.headers.get("content-disposition")).toContain("evidence.txt");
    const doc = await getDocument(documentId);
    expect(doc.body.original).toMatchObject({ filename: "evidence.txt", size: bytes.length, sha256: sha.toString("hex") });
    expect(doc.body.text).toBe("Original bytes matter.\nEven CRLF.");
  });

  it("reports each file on its own: one bad file does not stop the others", async () => {
    const before = await counts();
    const { status, body } = await upload([
      { name: "good-one.txt", bytes: "A good first file about 80 per cent." },
      { name: "bad.txt", bytes: new Uint8Array([0x41, 0x42, 0xff, 0x43]) },
      { name: "good-two.md", bytes: "# Heading\n\nA *second* good file." },
    ]);
    expect(status).toBe(201);
    expect(body.results.map((r: { status: string }) => r.status)).toEqual(["created", "error", "created"]);
    expect(body.results[1].error).toMatchObject({ code: "invalid_input" });
    expect(body.results[1].error.message).toMatch(/not valid UTF-8 at byte 2/);
    const after = await counts();
    expect(after.documents - before.documents).toBe(2);
    expect(after.originals - before.originals).toBe(2);
  });

  it("stores Markdown exactly as written, without rendering it", async () => {
    const md = "# Title\n\n* item **bold** & <b>tag</b>\n\n    code  block\n";
    const { body } = await upload([{ name: "notes.md", bytes: md }]);
    expect((await getDocument(body.results[0].document.id)).body.text).toBe(md);
  });

  it("expands a zip into one result per entry", async () => {
    const zip = zipSync({
      "briefs/a.txt": new TextEncoder().encode("Zip entry A: at least 13 boats."),
      "briefs/b.html": new TextEncoder().encode("<html><head><title>Entry B</title><script>evil()</script></head><body><p>Hello &amp; welcome</p></body></html>"),
      "__MACOSX/._a.txt": new Uint8Array([0, 1, 2]),
    });
    const { status, body } = await upload([{ name: "bundle.zip", bytes: zip }]);
    expect(status).toBe(201);
    const byName = Object.fromEntries(body.results.map((r: { filename: string }) => [r.filename, r]));
    expect(Object.keys(byName).sort()).toEqual(["bundle.zip/briefs/a.txt", "bundle.zip/briefs/b.html"]);
    const html = await getDocument(byName["bundle.zip/briefs/b.html"].document.id);
    expect(html.body.text).toContain("Hello & welcome");
    expect(html.body.text).not.toContain("evil()");
    expect(html.body.extraction.method).toBe("html");
  });
});

async function blankPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([300, 300]);
  page.drawRectangle({ x: 20, y: 20, width: 100, height: 100 });
  return pdf.save();
}

describe("refusals leave nothing behind", () => {
  const bomb = () => zipSync({ "zeros.txt": new Uint8Array(30 * 1024 * 1024) }, { level: 9 });
  const cases: { what: string; file: () => Promise<Upload> | Upload; status: number; code: string; message: RegExp; env?: Record<string, string> }[] = [
    { what: "invalid UTF-8", file: () => ({ name: "x.txt", bytes: new Uint8Array([0x68, 0x69, 0xc3, 0x28]) }), status: 422, code: "invalid_input", message: /not valid UTF-8 at byte 2/ },
    { what: "an empty file", file: () => ({ name: "empty.txt", bytes: new Uint8Array() }), status: 422, code: "invalid_input", message: /empty/ },
    { what: "only whitespace", file: () => ({ name: "blank.txt", bytes: " \r\n\t\n" }), status: 422, code: "invalid_input", message: /no text|empty/ },
    { what: "a binary file with a text extension", file: () => ({ name: "photo.txt", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) }), status: 415, code: "unsupported_media_type", message: /binary|PNG|image/i },
    { what: "an unsupported type", file: () => ({ name: "tool.exe", bytes: "MZ" }), status: 415, code: "unsupported_media_type", message: /\.exe/ },
    { what: "a file over the size limit", file: () => ({ name: "big.txt", bytes: "x".repeat(2048) }), status: 413, code: "payload_too_large", message: /limit/, env: { TRACEWELL_MAX_FILE_BYTES: "1024" } },
    { what: "a zip with ../ paths", file: () => ({ name: "evil.zip", bytes: zipSync({ "../evil.txt": new TextEncoder().encode("escape") }) }), status: 422, code: "invalid_input", message: /\.\.\/evil\.txt|unsafe/ },
    { what: "a zip bomb", file: () => ({ name: "bomb.zip", bytes: bomb() }), status: 422, code: "invalid_input", message: /ratio|bomb/i },
    { what: "a PDF without a text layer", file: async () => ({ name: "scan.pdf", bytes: await blankPdf() }), status: 422, code: "invalid_input", message: /no text layer/ },
  ];

  for (const c of cases) {
    it(`refuses ${c.what} with ${c.status}`, async () => {
      Object.assign(process.env, c.env ?? {});
      const before = await counts();
      const { status, body } = await upload([await c.file()]);
      expect(status).toBe(c.status);
      expect(body.error).toMatchObject({ code: c.code });
      expect(typeof body.error.message).toBe("string");
      expect(body.error.message).toMatch(c.message);
      expect(body.results[0].status).toBe("error");
      expect(await counts()).toEqual(before);
    });
  }

  it("refuses a request without files, and a viewer's upload, and a non-member's", async () => {
    const before = await counts();
    const empty = await documentsRoute.POST(
      new NextRequest(`http://localhost:3000/api/v1/projects/${projectId}/documents`, {
        method: "POST",
        headers: { authorization: `Bearer ${owner.token}` },
        body: new FormData(),
      }),
      { params: Promise.resolve({ projectId }) },
    );
    expect(empty.status).toBe(400);
    const viewer = await makeUserWithToken();
    await addMember({ actorId: owner.user.id, projectId, input: { email: viewer.user.email, role: "viewer" } });
    const stranger = await makeUserWithToken();
    expect((await upload([{ name: "v.txt", bytes: "viewer text" }], { token: viewer.token })).status).toBe(403);
    const foreign = await upload([{ name: "s.txt", bytes: "stranger text" }], { token: stranger.token });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("not_found");
    const after = await counts();
    expect(after.documents).toBe(before.documents);
    expect(after.originals).toBe(before.originals);
  });
});

describe("pasted text, metadata, immutability, deletion", () => {
  it("stores pasted JSON text canonically and reports a second paste as a duplicate", async () => {
    const json = { title: "Pasted statement", text: "Line one\r\nLine two\rLine three", metadata: { publisher: "Wire", language: "en" } };
    const first = await call(documentsRoute.POST, { path: `/projects/${projectId}/documents`, token: owner.token, json, params: { projectId } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: "created", title: "Pasted statement", metadata: { publisher: "Wire", language: "en" } });
    const doc = await getDocument(first.body.id);
    expect(doc.body.text).toBe("Line one\nLine two\nLine three");
    const again = await call(documentsRoute.POST, { path: `/projects/${projectId}/documents`, token: owner.token, json, params: { projectId } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: "duplicate", id: first.body.id });
  });

  it("edits metadata with an audit event, refuses text changes, and the database refuses them too", async () => {
    const { body } = await upload([{ name: "meta.txt", bytes: "Metadata test: between 2,500 and 8,500 people." }]);
    const documentId = body.results[0].document.id;
    const patched = await call(documentRoute.PATCH, {
      path: `/documents/${documentId}`,
      method: "PATCH",
      token: owner.token,
      json: { publisher: "Northline", publishedOn: "2024-03-05", direction: "auto" },
      params: { documentId },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.metadata).toMatchObject({ publisher: "Northline", publishedOn: "2024-03-05", direction: "auto" });
    const event = await db().auditEvent.findFirst({ where: { subjectId: documentId, action: "document.updated" } });
    expect(event?.data).toEqual({
      // The direction was suggested from the text at upload (no right-to-left paragraphs: ltr).
      changes: { publisher: { from: null, to: "Northline" }, publishedOn: { from: null, to: "2024-03-05" }, direction: { from: "ltr", to: "auto" } },
    });
    const textChange = await call(documentRoute.PATCH, {
      path: `/documents/${documentId}`,
      method: "PATCH",
      token: owner.token,
      json: { text: "rewritten" },
      params: { documentId },
    });
    expect(textChange.status).toBe(400);
    await expect(db().$executeRaw`UPDATE "Document" SET "text" = 'rewritten' WHERE "id" = ${documentId}`).rejects.toThrow(/immutable/);
    expect((await getDocument(documentId)).body.text).toBe("Metadata test: between 2,500 and 8,500 people.");
  });

  it("lets only owners delete, only while the document has no annotations, and audits it", async () => {
    const annotator = await makeUserWithToken();
    await addMember({ actorId: owner.user.id, projectId, input: { email: annotator.user.email, role: "annotator" } });
    const { body } = await upload([{ name: "delete-me.txt", bytes: "Delete me: roughly 2,000-4,000 tents." }]);
    const documentId = body.results[0].document.id;
    const del = (token: string) => call(documentRoute.DELETE, { path: `/documents/${documentId}`, method: "DELETE", token, params: { documentId } });
    expect((await del(annotator.token)).status).toBe(403);

    const label = await db().label.findFirstOrThrow({ where: { projectId, name: "Figure" } });
    const annotation = await db().annotation.create({
      data: { documentId, labelId: label.id, start: 0, end: 6, exact: "Delete", authorId: owner.user.id },
    });
    const blocked = await del(owner.token);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toMatch(/1 annotation/);
    await db().annotation.delete({ where: { id: annotation.id } });

    expect((await del(owner.token)).status).toBe(204);
    expect(await db().document.findUnique({ where: { id: documentId } })).toBeNull();
    expect(await db().documentOriginal.findUnique({ where: { documentId } })).toBeNull();
    expect(await db().auditEvent.count({ where: { subjectId: documentId, action: "document.deleted" } })).toBe(1);
    expect((await getDocument(documentId)).status).toBe(404);
  });

  it("hides documents of other projects: 404, not 403", async () => {
    const { body } = await upload([{ name: "private.txt", bytes: "Private source text." }]);
    const stranger = await makeUserWithToken();
    const res = await getDocument(body.results[0].document.id, stranger.token);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });
});

describe("listing and searching", () => {
  let listProject: string;

  beforeAll(async () => {
    listProject = (await createProject({ actorId: owner.user.id, input: { name: "Listing" } })).id;
    const files: Upload[] = Array.from({ length: 120 }, (_, i) => ({
      name: `doc-${String(i).padStart(3, "0")}.txt`,
      bytes: `Document number ${i}. ${i % 10 === 0 ? "The fighters regrouped near the river." : "Routine notes."} ${i % 7 === 0 ? "قندهار" : ""}`,
    }));
    for (let i = 0; i < files.length; i += 40) {
      const { status } = await upload(files.slice(i, i + 40), { project: listProject });
      expect(status).toBe(201);
    }
  });

  const list = (query: string) =>
    call(documentsRoute.GET, { path: `/projects/${listProject}/documents?${query}`, token: owner.token, params: { projectId: listProject } });

  it("pages through every document once, in order, for each sort", async () => {
    for (const [sort, order] of [["title", "asc"], ["createdAt", "desc"], ["length", "desc"], ["annotationCount", "desc"]] as const) {
      const seen: { id: string; title: string }[] = [];
      let cursor: string | null = null;
      do {
        const res = await list(`limit=50&sort=${sort}&order=${order}${cursor ? `&cursor=${cursor}` : ""}`);
        expect(res.status).toBe(200);
        seen.push(...res.body.documents);
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(120);
      expect(new Set(seen.map((d) => d.id)).size).toBe(120);
      if (sort === "title") expect(seen.map((d) => d.title)).toEqual([...seen.map((d) => d.title)].sort());
    }
  });

  it("finds documents by English word stems and by Arabic-script words, with a snippet", async () => {
    const english = await list("q=fighter");
    expect(english.status).toBe(200);
    expect(english.body.documents).toHaveLength(12);
    const snippet = english.body.documents[0].snippet;
    expect(snippet.highlights.map((h: { start: number; end: number }) => [...snippet.text].slice(h.start, h.end).join(""))).toEqual(["fighters"]);
    const arabic = await list(`q=${encodeURIComponent("قندهار")}`);
    expect(arabic.status).toBe(200);
    expect(arabic.body.documents).toHaveLength(18);
    const nothing = await list("q=zeppelin");
    expect(nothing.body.documents).toEqual([]);
  });

  it("rejects a forged cursor with 400", async () => {
    const res = await list("cursor=not-a-cursor&sort=title");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("bad_request");
  });
});
