import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { baseNameWithoutExtension, detectFormat, fileExtension } from "@/lib/ingest/detect";

const ascii = (s: string) => new TextEncoder().encode(s);
const refusal = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
};

describe("detectFormat", () => {
  it.each([
    ["notes.txt", "text", "text/plain"],
    ["notes.TEXT", "text", "text/plain"],
    ["README.md", "markdown", "text/markdown"],
    ["dir/post.markdown", "markdown", "text/markdown"],
    ["page.HTML", "html", "text/html"],
    ["page.htm", "html", "text/html"],
    ["page.xhtml", "html", "application/xhtml+xml"],
  ])("%s → %s", (name, format, mediaType) => {
    expect(detectFormat(name, ascii("hello"))).toMatchObject({ format, mediaType });
  });

  it("accepts PDF, DOCX and zip by extension plus their magic bytes", () => {
    expect(detectFormat("r.pdf", ascii("%PDF-1.7\n…")).format).toBe("pdf");
    expect(detectFormat("r.pdf", ascii("\n\n junk %PDF-1.4")).format).toBe("pdf"); // within 1024 bytes
    expect(detectFormat("m.docx", new Uint8Array([0x50, 0x4b, 3, 4, 0])).format).toBe("docx");
    expect(detectFormat("a.zip", new Uint8Array([0x50, 0x4b, 3, 4])).format).toBe("zip");
    expect(detectFormat("empty.zip", new Uint8Array([0x50, 0x4b, 5, 6])).format).toBe("zip");
  });

  it("refuses unknown extensions with 415, naming the supported ones", () => {
    const err = refusal(() => detectFormat("sheet.xyz", ascii("a,b")));
    expect(err.status).toBe(415);
    expect(err.message).toMatch(/^unsupported file type \.xyz \(supported: \.txt, .*\.pdf, \.docx, \.zip\)$/);
    expect(refusal(() => detectFormat("README", ascii("x"))).message).toMatch(/has no extension/);
    expect(refusal(() => detectFormat(".bashrc", ascii("x"))).status).toBe(415);
  });

  it("refuses a .pdf without %PDF-", () => {
    const err = refusal(() => detectFormat("r.pdf", ascii("<html>not a pdf</html>")));
    expect(err.status).toBe(415);
    expect(err.message).toBe("not a PDF (it does not start with %PDF-)");
    expect(refusal(() => detectFormat("r.pdf", new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).message).toBe(
      "not a PDF (it looks like a JPEG image)",
    );
  });

  it("refuses a .docx that is not a zip, naming an old .doc", () => {
    expect(refusal(() => detectFormat("m.docx", ascii("plain"))).status).toBe(415);
    const doc = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]);
    expect(refusal(() => detectFormat("m.docx", doc)).message).toMatch(/old Word \.doc file/);
    expect(refusal(() => detectFormat("a.zip", ascii("nope"))).message).toMatch(/^not a zip archive/);
  });

  it.each([
    ["a PDF file", ascii("%PDF-1.4 …")],
    ["a zip archive", new Uint8Array([0x50, 0x4b, 3, 4, 20, 0])],
    ["a PNG image", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])],
    ["a JPEG image", new Uint8Array([0xff, 0xd8, 0xff, 0xe1])],
    ["a GIF image", ascii("GIF89a")],
  ])("refuses %s saved with a text extension (415)", (what, bytes) => {
    for (const name of ["x.txt", "x.md", "x.html"]) {
      const err = refusal(() => detectFormat(name, bytes));
      expect(err.status).toBe(415);
      expect(err.message).toContain(`looks like ${what}`);
    }
  });
});

describe("file names", () => {
  it.each([
    ["a/b/Report.PDF", ".pdf", "Report"],
    ["archive.zip/dir/a.txt", ".txt", "a"],
    ["no-extension", "", "no-extension"],
    [".hidden", "", ".hidden"],
    ["two.dots.md", ".md", "two.dots"],
    ["C:\\Users\\me\\Brief.docx", ".docx", "Brief"],
  ])("%s", (name, ext, base) => {
    expect(fileExtension(name)).toBe(ext);
    expect(baseNameWithoutExtension(name)).toBe(base);
  });
});
