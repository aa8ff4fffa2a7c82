import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { coreProperties, extractDocx } from "@/lib/ingest/extract-docx";
import { DEFAULT_LIMITS } from "@/lib/ingest/limits";
import { fixture, rejection } from "./fixtures";

describe("extractDocx", () => {
  it("extracts the paragraphs separated by a blank line, Arabic included, with title and author", async () => {
    const docx = await extractDocx(fixture("memo.docx"), DEFAULT_LIMITS);
    expect(docx.text).toBe(
      [
        "Field memo: the Northern Front (also NF, al-Jabha al-Shamaliya) moved south.",
        "قال القائد مُحَمَّد إن أكثر من ٦٠٠٠ مقاتل وصلوا.",
        "Source grade: B2 & unconfirmed.",
      ].join("\n\n"),
    );
    expect(docx).toMatchObject({ title: "Field Memo 12", author: "Analyst Team B", language: "en-GB" });
  });

  it("refuses a zip that is not a Word document (415)", async () => {
    const err = await rejection(extractDocx(zipSync({ "a.txt": strToU8("hello") }), DEFAULT_LIMITS));
    expect(err.status).toBe(415);
    expect(err.message).toBe("not a DOCX (the archive has no word/document.xml)");
  });

  it("refuses a damaged document (422)", async () => {
    const bytes = zipSync({ "word/document.xml": strToU8("<w:document><unclosed") });
    const err = await rejection(extractDocx(bytes, DEFAULT_LIMITS));
    expect(err.status).toBe(422);
    expect(err.message).toMatch(/^could not read the DOCX: /);
  });

  it("refuses a compression bomb disguised as a .docx before mammoth inflates it", async () => {
    const bytes = zipSync({ "word/document.xml": new Uint8Array(8 * 1024 * 1024) }, { level: 9 });
    const err = await rejection(extractDocx(bytes, { ...DEFAULT_LIMITS, zipRatioFloorBytes: 64 * 1024 }));
    expect(err.status).toBe(422);
    expect(err.message).toBe("suspicious compression ratio (zip bomb?)");
  });

  it("reads core properties, entities decoded and whitespace tidied", () => {
    const xml = strToU8(
      '<cp:coreProperties xmlns:cp="c" xmlns:dc="d"><dc:title> A &amp; B\n report </dc:title><dc:creator></dc:creator></cp:coreProperties>',
    );
    expect(coreProperties(xml)).toEqual({ title: "A & B report", author: undefined, language: undefined });
  });
});
