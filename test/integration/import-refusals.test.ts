import { strToU8, unzipSync, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { addMember } from "@/lib/memberships/add-member";
import { createProject } from "@/lib/projects/create-project";
import { createLabels, seedCorpus, type SeededCorpus } from "../helpers/export-corpus";
import { exportBytes, importRequest } from "../helpers/export-routes";
import { makeUserWithToken } from "../helpers/users";

type Caller = Awaited<ReturnType<typeof makeUserWithToken>>;

let owner: Caller;
let source: SeededCorpus;
let target: string;
let jsonl: string;

/** Everything an import could touch: a refused one must leave all of it as it was. */
async function snapshot() {
  const [documents, annotations, events, labels] = await Promise.all([
    db().document.count(),
    db().annotation.count(),
    db().auditEvent.count(),
    db().label.count(),
  ]);
  return { documents, annotations, events, labels };
}

/** Imports `bytes` into the target project and expects a 422 that leaves the database unchanged. */
async function refused(format: string, name: string, bytes: Uint8Array) {
  const before = await snapshot();
  const res = await importRequest(target, format, { name, bytes }, owner.token);
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.body.error).toMatchObject({ code: "invalid_input", message: expect.stringMatching(/nothing was imported$/), details: { ok: false, errors: expect.any(Array), more: 0 } });
  expect(await snapshot()).toEqual(before);
  return res.body.error.details.errors as { document: string | null; index: number | null; annotationId?: string; message: string }[];
}

/** The JSONL export with one document line changed. */
function editLine(edit: (record: { title: string; text: string; annotations: Record<string, unknown>[] }) => void, title = "Fixture emoji"): Uint8Array {
  const lines = jsonl.trimEnd().split("\n").map((line) => {
    const record = JSON.parse(line);
    if (record.type === "document" && record.title === title) edit(record);
    return JSON.stringify(record);
  });
  return strToU8(`${lines.join("\n")}\n`);
}

beforeAll(async () => {
  owner = await makeUserWithToken({ name: "Importer" });
  source = await seedCorpus({ actorId: owner.user.id, name: "Refusals source" });
  target = (await createProject({ actorId: owner.user.id, input: { name: "Refusals target" } })).id;
  await createLabels(owner.user.id, target);
  jsonl = (await exportBytes(source.projectId, "format=jsonl", owner.token)).toString("utf8");
});

describe("an import with problems writes nothing and reports each one", () => {
  it("a quote that does not match the text", async () => {
    let id = "";
    const errors = await refused("jsonl", "quote.jsonl", editLine((r) => {
      id = r.annotations[1]!.id as string;
      r.annotations[1]!.exact = "more than 7,000 fighters";
    }));
    expect(errors).toEqual([{ document: expect.stringMatching(/^line \d+ \(Fixture emoji\)$/), index: 1, annotationId: id, message: expect.stringMatching(/^exact does not match the text at \[\d+, \d+\)/) }]);
  });

  it("an unknown label, named in a summary with the project's labels, and every other problem of the same annotation", async () => {
    const errors = await refused("jsonl", "label.jsonl", editLine((r) => {
      r.annotations[0]!.label = "Weapon";
      r.annotations[0]!.kind = "other";
      r.annotations[0]!.exact = "not the text";
    }));
    expect(errors).toEqual([
      { document: null, index: null, message: expect.stringContaining('unknown labels "Weapon" (this project\'s labels are Claim, Entity, Figure, Location note)') },
      expect.objectContaining({ index: 0, message: 'unknown label "Weapon"' }),
      expect.objectContaining({ index: 0, message: expect.stringMatching(/^exact does not match the text/) }),
    ]);
  });

  it("offsets outside the text, or backwards", async () => {
    const errors = await refused("jsonl", "range.jsonl", editLine((r) => {
      r.annotations[0]!.end = [...r.text].length + 5;
      r.annotations[2]!.start = r.annotations[2]!.end as number;
    }));
    expect(errors.map((e) => [e.index, e.message])).toEqual([
      [0, expect.stringMatching(/^end \d+ is past the end of the text, which is \d+ code points long$/)],
      [2, expect.stringMatching(/^start must be less than end/)],
    ]);
  });

  it("attributes that do not fit the label's kind, and a claim citing an entity that is not there", async () => {
    const errors = await refused("jsonl", "attributes.jsonl", editLine((r) => {
      const figure = r.annotations.find((a) => a.label === "Figure")!;
      figure.attributes = { value: "lots" };
      const claim = r.annotations.find((a) => a.label === "Claim")!;
      claim.attributes = { source: { annotationId: "c-nowhere" } };
    }));
    expect(errors.map((e) => e.message).sort()).toEqual([
      expect.stringMatching(/^attributes\.value: /),
      "the claim's source c-nowhere is neither an entity annotation in this import nor one of the document's",
    ]);
  });

  it("a text changed after export (its sha256 no longer matches) or with CR line ends", async () => {
    const changed = await refused("jsonl", "text.jsonl", editLine((r) => void (r.text = `${r.text} `)));
    expect(changed).toEqual([{ document: expect.stringContaining("Fixture emoji"), index: null, message: expect.stringContaining("does not match its sha256") }]);
    const crlf = await refused("jsonl", "crlf.jsonl", editLine((r) => {
      r.text = r.text.replace(/\n/g, "\r\n");
      delete (r as { sha256?: string }).sha256;
    }, "Fixture crlf"));
    expect(crlf[0]!.message).toMatch(/not canonical/);
  });

  it("malformed files: cut short, not JSON, not a zip, garbage", async () => {
    const lines = jsonl.trimEnd().split("\n");
    expect(await refused("jsonl", "short.jsonl", strToU8(lines.slice(0, -1).join("\n")))).toEqual([
      { document: null, index: null, message: "the file has no end line: the export was cut short" },
    ]);
    expect((await refused("jsonl", "broken.jsonl", strToU8(`${lines[0]}\n{"type":"document",\n${lines.at(-1)}\n`)))[0]!.message).toBe("line 2 is not valid JSON");
    expect(await refused("w3c", "cut.jsonld", strToU8('{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection", "first": {'))).toEqual([
      { document: null, index: null, message: expect.stringContaining("not valid JSON") },
    ]);
    expect((await refused("brat", "not.zip", strToU8("T1\tClaim 0 4\tword\n")))[0]!.message).toMatch(/^brat files come as a zip/);
    expect((await refused("spacy", "bin.jsonl", new Uint8Array([0xff, 0xfe, 0x00, 0x41])))[0]!.message).toBe("the file is not valid UTF-8");
  });

  it("brat: covered text that is not the slice of the .txt, and lines it does not import", async () => {
    const zip = unzipSync(await exportBytes(source.projectId, `format=brat&documents=${source.documents.emoji}`, owner.token));
    const annName = Object.keys(zip).find((n) => n.endsWith(".ann"))!;
    const ann = Buffer.from(zip[annName]!).toString("utf8").replace("\tthe spokesman", "\tthe spokeswoman");
    zip[annName] = strToU8(`${ann}E1\tClaim:T4\n`);
    const errors = await refused("brat", "edited.zip", zipSync(zip));
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^line 14: the covered text "the spokeswoman" does not match the \.txt at 81 94 \("the spokesman"\)$/),
      "line 15: T5 is not a T annotation of this file",
      "line 16: T5 is not a T annotation of this file",
      "line 17: T5 is not a T annotation of this file",
      "line 18: event lines are not imported",
      // The claim's source entity was the refused T5.
      expect.stringMatching(/^the claim's source \S+ is neither an entity annotation in this import nor one of the document's$/),
    ]);
  });

  it("W3C: documents the project does not hold", async () => {
    const bytes = await exportBytes(source.projectId, `format=w3c&documents=${source.documents.crlf}`, owner.token);
    const errors = await refused("w3c", "w3c.jsonld", bytes);
    expect(errors).toEqual([{ document: "Fixture crlf", index: null, message: expect.stringContaining("no document of this project has sha256") }]);
  });
});

describe("who may import", () => {
  it("owners and reviewers; annotators and viewers are forbidden, outsiders see nothing", async () => {
    const bytes = strToU8(jsonl);
    const others = await Promise.all(["reviewer", "annotator", "viewer", "outsider"].map((name) => makeUserWithToken({ name })));
    const [reviewer, annotator, viewer, outsider] = others as [Caller, Caller, Caller, Caller];
    for (const [who, role] of [[reviewer, "reviewer"], [annotator, "annotator"], [viewer, "viewer"]] as const) {
      await addMember({ actorId: owner.user.id, projectId: target, input: { email: who.user.email, role } });
    }
    const before = await snapshot();
    expect((await importRequest(target, "jsonl", { name: "a.jsonl", bytes }, annotator.token)).status).toBe(403);
    expect((await importRequest(target, "jsonl", { name: "a.jsonl", bytes }, viewer.token)).status).toBe(403);
    expect((await importRequest(target, "jsonl", { name: "a.jsonl", bytes }, outsider.token)).status).toBe(404);
    expect((await importRequest(target, "csv", { name: "a.csv", bytes }, owner.token)).status).toBe(400);
    expect(await snapshot()).toEqual({ ...before });
    const res = await importRequest(target, "jsonl", { name: "a.jsonl", bytes }, reviewer.token);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.annotations).toBe(source.annotationCount);
  });
});
