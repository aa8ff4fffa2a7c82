import { strToU8, zipSync } from "fflate";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { uploadDocuments } from "@/lib/documents/upload-documents";
import { createProject } from "@/lib/projects/create-project";
import { makeUser } from "../helpers/users";

/**
 * Item 2: zip entries count against the files-per-upload limit (a 1,500-entry zip used to bring
 * 1,500 documents into one request) and everything inflated from the zips of one upload counts
 * against one total (TRACEWELL_MAX_UPLOAD_EXTRACTED_BYTES), not only each zip on its own.
 */

let actorId: string;
let projectId: string;

beforeAll(async () => {
  actorId = (await makeUser()).user.id;
  projectId = (await createProject({ actorId, input: { name: "Zips" } })).id;
});

afterEach(() => {
  delete process.env.TRACEWELL_MAX_FILES_PER_UPLOAD;
  delete process.env.TRACEWELL_MAX_UPLOAD_EXTRACTED_BYTES;
});

const texts = (prefix: string, count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}-${i}.txt`, strToU8(`${prefix} document number ${i}.`)]));

const storedCount = () => db().document.count({ where: { projectId } });

describe("zip entries count as files of the upload", () => {
  it("refuses a zip holding more documents than one upload may carry; nothing of it is stored", async () => {
    process.env.TRACEWELL_MAX_FILES_PER_UPLOAD = "5";
    const before = await storedCount();
    const results = await uploadDocuments({ actorId, projectId, files: [{ filename: "many.zip", bytes: zipSync(texts("many", 8)) }] });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ filename: "many.zip", status: "error" });
    expect(results[0]!.error!.status).toBe(413);
    expect(results[0]!.error!.message).toBe("the zip holds 8 files; one upload may hold at most 5 documents (zip entries count one by one)");
    expect(await storedCount()).toBe(before);
  });

  it("counts the other files of the request too: 2 files + a zip of 4 is over a limit of 5", async () => {
    process.env.TRACEWELL_MAX_FILES_PER_UPLOAD = "5";
    const before = await storedCount();
    const results = await uploadDocuments({
      actorId,
      projectId,
      files: [
        { filename: "one.txt", bytes: strToU8("First loose file.") },
        { filename: "two.txt", bytes: strToU8("Second loose file.") },
        { filename: "four.zip", bytes: zipSync(texts("four", 4)) },
      ],
    });
    expect(results.map((r) => [r.filename, r.status])).toEqual([
      ["one.txt", "created"],
      ["two.txt", "created"],
      ["four.zip", "error"],
    ]);
    expect(results[2]!.error!.message).toBe(
      "the zip holds 4 files, but only 3 more fit in this upload; one upload may hold at most 5 documents (zip entries count one by one)",
    );
    expect(await storedCount()).toBe(before + 2);
  });

  it("accepts a zip that fits exactly", async () => {
    process.env.TRACEWELL_MAX_FILES_PER_UPLOAD = "5";
    const results = await uploadDocuments({ actorId, projectId, files: [{ filename: "five.zip", bytes: zipSync(texts("five", 5)) }] });
    expect(results.map((r) => r.status)).toEqual(["created", "created", "created", "created", "created"]);
  });
});

describe("bytes inflated from all zips of one upload", () => {
  it("refuses the zip that takes the upload's total past the limit; earlier zips are kept", async () => {
    process.env.TRACEWELL_MAX_UPLOAD_EXTRACTED_BYTES = String(300 * 1024);
    // 120 KB of text each: far under the per-zip total and the ratio floor, so only the
    // per-upload total can refuse the third.
    const big = (tag: string) => zipSync({ [`${tag}.txt`]: strToU8(`${tag} `.repeat(120 * 1024 / (tag.length + 1))) });
    const before = await storedCount();
    const results = await uploadDocuments({
      actorId,
      projectId,
      files: [
        { filename: "a.zip", bytes: big("alpha") },
        { filename: "b.zip", bytes: big("bravo") },
        { filename: "c.zip", bytes: big("charl") },
      ],
    });
    expect(results.map((r) => [r.filename, r.status])).toEqual([
      ["a.zip/alpha.txt", "created"],
      ["b.zip/bravo.txt", "created"],
      ["c.zip", "error"],
    ]);
    expect(results[2]!.error!.status).toBe(413);
    expect(results[2]!.error!.message).toBe("the zips of this upload expand beyond the 300 KB limit for one upload");
    expect(await storedCount()).toBe(before + 2);
  });
});
