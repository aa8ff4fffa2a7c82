import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { toErrorBody } from "@/lib/errors";
import { ingestFile, ingestPastedText } from "@/lib/ingest/ingest-file";
import { sliceCodePoints } from "@/lib/text/code-points";
import { textProfile } from "@/lib/text/profile";
import { failed, fixture, ok, only } from "./fixtures";

const ingestOne = async (filename: string, bytes: Uint8Array, limits?: Parameters<typeof ingestFile>[0]["limits"]) =>
  only(await ingestFile({ filename, bytes, limits }));

// The canonical text of the mixed-* fixtures and its hashes, computed independently with Python:
//   t = open(f, "rb").read().decode("utf-8-sig" | "utf-16").replace("\r\n", "\n").replace("\r", "\n")
//   hashlib.sha256(t.encode()).hexdigest(), len(t), hashlib.sha256(raw_bytes).hexdigest()
const MIXED_TEXT =
  "Channel post, 3 March\n\nFamily 👩‍👩‍👧 displaced; flag 🇦🇫 seen.\n" +
  "Commander مُحَمَّد said more than 6000 fighters.\nCafe\u0301 𠀋 closed.\n";
const MIXED_SHA256 = "720fdde9cfa3f6be566a11f0ac42b924f2fb84a17d5340502232b90a8e452c01";
const ORIGINAL_SHA256: Record<string, string> = {
  "mixed-utf8-bom.md": "e9e9b712818eb55cb8f9dd48c0136f88503f42269ca7f4e1606b5f9e299a8159",
  "mixed-utf16le.txt": "1041d82c758a32e80d0c9722e07027b033c74f74147fdd5bbff78e42b33f6219",
  "mixed-utf16be.txt": "3f6b576cd987e969a2f0adced1364f962a9fda35850186be827e951ce4ad29d0",
};

describe("text files in every accepted encoding", () => {
  it.each([
    ["mixed-utf8-bom.md", "utf-8-bom", "text/markdown", "decode(utf-8) → drop BOM → CRLF/CR→LF"],
    ["mixed-utf16le.txt", "utf-16le", "text/plain", "decode(utf-16le) → drop BOM → CRLF/CR→LF"],
    ["mixed-utf16be.txt", "utf-16be", "text/plain", "decode(utf-16be) → drop BOM → CRLF/CR→LF"],
  ])("%s → the same canonical text, hash and length", async (name, encoding, mediaType, recipe) => {
    const bytes = fixture(name);
    const doc = ok(await ingestOne(name, bytes));
    expect(doc.text).toBe(MIXED_TEXT);
    expect(doc.sha256).toBe(MIXED_SHA256);
    expect(doc.length).toBe(126);
    expect(doc.title).toBe(name.replace(/\.(md|txt)$/, ""));
    expect(doc.extraction).toEqual({ method: "text", encoding, recipe });
    expect(doc.original).toEqual({ filename: name, mediaType, sha256: ORIGINAL_SHA256[name], size: bytes.length, bytes });
    expect(doc.profile).toEqual(textProfile(MIXED_TEXT));
    expect(doc.profile).toMatchObject({ emoji: 2, astral: 6, combiningMarks: 5, rtlParagraphs: 0 });
    expect(doc.metadata).toEqual({ direction: "ltr" });
  });

  it("keeps Markdown as written (not rendered) and NFD as NFD", async () => {
    const md = "# Heading\r\n\r\n* item with **bold** and re\u0301sume\u0301\r\n";
    const doc = ok(await ingestOne("notes.md", strToU8(md)));
    expect(doc.text).toBe("# Heading\n\n* item with **bold** and re\u0301sume\u0301\n");
    expect(doc.text.normalize("NFC")).not.toBe(doc.text);
  });

  it("hashes exactly what an independent tool computes from the canonical text", async () => {
    const doc = ok(await ingestOne("a.txt", strToU8("x\r\ny\rz")));
    expect(doc.text).toBe("x\ny\nz");
    expect(doc.sha256).toBe(createHash("sha256").update(Buffer.from("x\ny\nz", "utf8")).digest("hex"));
  });
});

describe("extracted formats", () => {
  it("HTML: readable text, page metadata, the library and its version", async () => {
    const doc = ok(await ingestOne("article.html", fixture("article.html")));
    expect(doc.text.startsWith("Clashes near the river crossing\n\nBy Dana Whitlock")).toBe(true);
    expect(doc.title).toBe("Clashes near the river crossing | The Valley Monitor");
    expect(doc.metadata).toEqual({
      author: "Dana Whitlock",
      publisher: "The Valley Monitor",
      publishedOn: "2024-03-05",
      sourceUrl: "https://monitor.example/clashes",
      language: "en-GB",
      direction: "ltr",
    });
    expect(doc.extraction).toMatchObject({ method: "html", library: "htmlparser2", version: "10.1.0", encoding: "utf-8" });
    expect(doc.original.mediaType).toBe("text/html");
  });

  it("PDF: pages as code-point spans of the canonical text; title and author from the PDF", async () => {
    const doc = ok(await ingestOne("report.pdf", fixture("report.pdf")));
    const version = (createRequire(import.meta.url)("pdfjs-dist/package.json") as { version: string }).version;
    expect(doc.extraction).toMatchObject({ method: "pdf", library: "pdfjs-dist", version });
    expect(doc.extraction.recipe).toContain(`pdfjs-dist ${version}`);
    const pages = doc.extraction.pages!;
    expect(pages).toHaveLength(3);
    expect(sliceCodePoints(doc.text, pages[1]!.start, pages[1]!.end)).toBe("Section two\nPage two: between 2,500 and 8,500 displaced.");
    expect(doc.title).toBe("Quarterly Security Report");
    expect(doc.metadata.author).toBe("Field Office North");
    expect(doc.original.mediaType).toBe("application/pdf");
  });

  it("DOCX: paragraphs, an Arabic paragraph among them, so the direction is mixed", async () => {
    const doc = ok(await ingestOne("memo.docx", fixture("memo.docx")));
    expect(doc.text.split("\n\n")).toHaveLength(3);
    expect(doc.text).toContain("مُحَمَّد");
    expect(doc.title).toBe("Field Memo 12");
    expect(doc.metadata).toMatchObject({ author: "Analyst Team B", direction: "auto" });
    expect(doc.profile.rtlParagraphs).toBe(1);
    expect(doc.extraction).toMatchObject({ method: "docx", library: "mammoth" });
  });
});

describe("zip archives", () => {
  it("yields one result per file, named archive/entry, each canonicalized", async () => {
    const results = await ingestFile({ filename: "bundle.zip", bytes: fixture("bundle.zip") });
    expect(results.map((r) => r.filename)).toEqual([
      "bundle.zip/sources/first.txt",
      "bundle.zip/sources/second.txt",
      "bundle.zip/sources/page.html",
    ]);
    const [first, second, page] = results.map(ok);
    expect(first!.title).toBe("first");
    expect(second!.text).toBe("Second source: roughly 300 vehicles.\n");
    expect(second!.original.bytes).toEqual(strToU8("Second source: roughly 300 vehicles.\r\n"));
    expect(page).toMatchObject({ title: "Page in a zip", text: "Page in a zip\n\nZipped & readable." });
  });

  it("reports bad entries one by one: nested zip, unsupported type, invalid text", async () => {
    const zip = zipSync({
      "inner.zip": zipSync({ "x.txt": strToU8("x") }),
      "image.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      "bad.txt": new Uint8Array([0x61, 0xff]),
      "good.txt": strToU8("good"),
    });
    const results = await ingestFile({ filename: "mixed.zip", bytes: zip });
    expect(results.map((r) => (r.ok ? `ok ${r.text}` : `${r.error.status} ${r.error.message}`))).toEqual([
      "415 nested zip archives are not expanded",
      expect.stringMatching(/^415 unsupported file type \.png \(supported: /),
      "422 not valid UTF-8 at byte 1",
      "ok good",
    ]);
  });

  it("refuses the whole archive for a ../ path", async () => {
    const result = failed(await ingestOne("traversal.zip", fixture("traversal.zip")));
    expect(result.error.status).toBe(422);
    expect(result.error.message).toBe("unsafe path in zip: ../evil.txt");
  });

  it("refuses a zip bomb as one failure", async () => {
    const bomb = zipSync({ "zeros.txt": new Uint8Array(50 * 1024 * 1024) }, { level: 9 });
    const result = failed(await ingestOne("bomb.zip", bomb));
    expect(toErrorBody(result.error)).toMatchObject({
      status: 422,
      body: { error: { code: "invalid_input", message: "suspicious compression ratio (zip bomb?)" } },
    });
  });

  it("refuses an archive with nothing to import", async () => {
    const result = failed(await ingestOne("empty.zip", zipSync({ "dir/": new Uint8Array(0), ".DS_Store": new Uint8Array(3) })));
    expect(result.error.message).toBe("zip archive contains no files");
  });
});

describe("refusals: the right status and a plain-language message", () => {
  it.each([
    ["empty.txt", 422, "file is empty"],
    ["latin1.txt", 422, "not valid UTF-8 at byte 3"],
    ["image.txt", 415, "looks like a PNG image, not text"],
    ["utf32.txt", 415, "UTF-32 is not supported (only UTF-8, or UTF-16 with a byte order mark, is supported)"],
    ["windows-1252.html", 415, "HTML declares charset windows-1252; only UTF-8 and UTF-16 are supported"],
    ["scanned.pdf", 422, "PDF has no text layer (scanned images?) — run OCR first"],
    ["encrypted.pdf", 422, "PDF is encrypted with a password — remove the password and upload it again"],
  ])("%s → %i %s", async (name, status, message) => {
    const result = failed(await ingestOne(name, fixture(name)));
    expect(result.filename).toBe(name);
    expect(result.error.status).toBe(status);
    expect(result.error.message).toBe(message);
    expect(toErrorBody(result.error).body.error.message).toBe(message);
  });

  it("checks the size first (413), before looking at the content", async () => {
    const result = failed(await ingestOne("huge.exe", new Uint8Array(2048), { maxFileBytes: 1024 }));
    expect(result.error.status).toBe(413);
    expect(result.error.message).toBe("larger than the 1 KB limit");
    const mb = failed(await ingestOne("big.txt", new Uint8Array(21 * 1024 * 1024).fill(0x61)));
    expect(mb.error.message).toBe("larger than the 20 MB limit");
  });

  it("refuses whitespace-only text as containing no text", async () => {
    const result = failed(await ingestOne("blank.txt", strToU8(" \r\n\t\u00A0\r\n")));
    expect(result.error).toMatchObject({ status: 422, message: "contains no text" });
    expect(failed(await ingestOne("bom.txt", new Uint8Array([0xef, 0xbb, 0xbf]))).error.message).toBe("contains no text");
  });

  it("refuses text over the code-point limit (413), counting code points not UTF-16 units", async () => {
    const tenEmoji = strToU8("😀".repeat(10)); // 10 code points, 20 UTF-16 units
    expect(ok(await ingestOne("ten.txt", tenEmoji, { maxTextCodePoints: 10 })).length).toBe(10);
    const result = failed(await ingestOne("eleven.txt", strToU8("😀".repeat(11)), { maxTextCodePoints: 10 }));
    expect(result.error.status).toBe(413);
    expect(result.error.message).toBe("text is longer than the 10 code point limit");
  });

  it("refuses unsupported types and fake PDFs with 415", async () => {
    const rtf = failed(await ingestOne("notes.rtf", strToU8("{\\rtf1}")));
    expect(rtf.error.status).toBe(415);
    expect(rtf.error.message).toMatch(/^unsupported file type \.rtf \(supported: \.txt, \.text, \.md/);
    expect(failed(await ingestOne("fake.pdf", strToU8("hello"))).error.message).toMatch(/^not a PDF/);
  });
});

describe("ingestPastedText", () => {
  it("canonicalizes like a file and keeps the pasted text as the original", () => {
    const pasted = "\uFEFFPost 🇦🇫\r\n\r\nمُحَمَّد\r";
    const doc = ok(ingestPastedText({ title: "  Channel   post ", text: pasted }));
    expect(doc.text).toBe("Post 🇦🇫\n\nمُحَمَّد\n");
    expect(doc.title).toBe("Channel post");
    expect(doc.length).toBe(Array.from(doc.text).length);
    expect(doc.extraction).toEqual({ method: "paste", recipe: "pasted text → drop BOM → CRLF/CR→LF" });
    expect(doc.original).toMatchObject({ mediaType: "text/plain", size: Buffer.byteLength(pasted) });
    expect(Buffer.from(doc.original.bytes).toString("utf8")).toBe(pasted);
    expect(doc.metadata.direction).toBe("auto");
  });

  it("takes the first line as the title when none is given", () => {
    expect(ok(ingestPastedText({ title: " ", text: "\n\n  First line here \nsecond" })).title).toBe("First line here");
  });

  it("refuses empty text, lone surrogates, NUL, and text over the limit", () => {
    expect(failed(ingestPastedText({ title: "t", text: " \n " })).error.message).toBe("contains no text");
    const lone = failed(ingestPastedText({ title: "t", text: "ab😀\uD800" }));
    expect(lone.error).toMatchObject({ status: 422, message: "text is not valid Unicode (a lone surrogate at character 3)" });
    expect(failed(ingestPastedText({ title: "t", text: "a\0b" })).error.message).toBe(
      "text contains a NUL character (U+0000) at character 1",
    );
    expect(failed(ingestPastedText({ title: "t", text: "abc", limits: { maxTextCodePoints: 2 } })).error.status).toBe(413);
  });
});
