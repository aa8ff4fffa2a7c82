import { strToU8, zipSync } from "fflate";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import * as documentsRoute from "@/app/api/v1/projects/[projectId]/documents/route";
import { db } from "@/lib/db/client";
import { uploadDocuments } from "@/lib/documents/upload-documents";
import { createProject } from "@/lib/projects/create-project";
import { makeHeavyPdf } from "../unit/ingest/heavy-pdf";
import { makeUserWithToken } from "../helpers/users";

/**
 * Item 9: "an upload answers 500 after one of its files was already stored". Hostile names and
 * metadata (NUL, lone surrogates) used to reach PostgreSQL, which refuses U+0000 in text and
 * lone surrogates in JSON; the error escaped as a 500 after the files before it were committed.
 */

let owner: Awaited<ReturnType<typeof makeUserWithToken>>;
let projectId: string;

beforeAll(async () => {
  owner = await makeUserWithToken();
  projectId = (await createProject({ actorId: owner.user.id, input: { name: "Hostile" } })).id;
});

async function upload(files: { name: string; bytes: Uint8Array }[]) {
  const form = new FormData();
  for (const file of files) form.append("file", new File([file.bytes as Uint8Array<ArrayBuffer>], file.name));
  const req = new NextRequest(`http://localhost:3000/api/v1/projects/${projectId}/documents`, {
    method: "POST",
    headers: { authorization: `Bearer ${owner.token}` },
    body: form,
  });
  const res = await documentsRoute.POST(req, { params: Promise.resolve({ projectId }) });
  return { status: res.status, body: await res.json() };
}

const docx = (coreXml: string) =>
  zipSync({
    "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    "word/document.xml": strToU8(
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Docx body</w:t></w:r></w:p></w:body></w:document>',
    ),
    "docProps/core.xml": strToU8(coreXml),
  });

describe("hostile metadata after a stored file", () => {
  it.each([
    ["PDF title with a NUL", "nul-title.pdf", () => makeHeavyPdf({ pages: 1, title: "Bad\u0000Title" })],
    ["PDF title with a lone surrogate", "surrogate-title.pdf", () => makeHeavyPdf({ pages: 2, title: "Bad\ud800Title" })],
    [
      "DOCX title with a NUL character reference",
      "nul-title.docx",
      async () =>
        docx('<cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>A&#0;B</dc:title><dc:creator>C&#xD800;D</dc:creator></cp:coreProperties>'),
    ],
  ])("%s: the good file is stored, the hostile one is stored clean or refused, never a 500", async (_, name, make) => {
    const good = strToU8(`A good file uploaded before ${name}.`);
    const { status, body } = await upload([
      { name: `good-before-${name}.txt`, bytes: good },
      { name, bytes: await make() },
    ]);
    expect(status).toBe(201);
    expect(body.results).toHaveLength(2);
    expect(body.results[0].status).toBe("created");
    const hostile = body.results[1];
    expect(["created", "error"]).toContain(hostile.status);
    if (hostile.status === "created") {
      const stored = await db().document.findUniqueOrThrow({ where: { id: hostile.document.id } });
      expect(stored.title).not.toContain("\u0000");
      expect(stored.title.isWellFormed()).toBe(true);
    }
  });

  it("a filename with NUL and a lone surrogate (possible through the CLI and lib callers)", async () => {
    const results = await uploadDocuments({
      actorId: owner.user.id,
      projectId,
      files: [
        { filename: "fine.txt", bytes: strToU8("A fine text before the odd name.") },
        { filename: "odd\u0000name\ud800.txt", bytes: strToU8("Text behind an odd name.") },
        { filename: "after.zip", bytes: zipSync({ "x\u0000.txt": strToU8("zip entry") }) },
      ],
    });
    expect(results.map((r) => r.status)).not.toContain(undefined);
    expect(results[0]!.status).toBe("created");
    for (const result of results) {
      if (result.status !== "created") continue;
      expect(result.document!.originalFilename ?? "").not.toContain("\u0000");
      expect((result.document!.originalFilename ?? "").isWellFormed()).toBe(true);
    }
  });
});
