import { createRequire } from "node:module";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { extractPdf, joinItems } from "@/lib/ingest/extract-pdf";
import { canonicalize } from "@/lib/text/canonical";
import { sliceCodePoints } from "@/lib/text/code-points";
import { fixture, rejection } from "./fixtures";

const PAGES = [
  "Quarterly security report\nPage one: more than 6000 fighters reported.",
  "Section two\nPage two: between 2,500 and 8,500 displaced.",
  "Section three\nPage three: 80 per cent of shops closed.",
];

async function makePdf(pages: string[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([400, 300]);
    lines.forEach((line, i) => page.drawText(line, { x: 30, y: 260 - 20 * i, size: 12, font }));
  }
  return doc.save();
}

/**
 * A hand-written PDF whose CJK text is encoded through a predefined CMap (UniJIS-UCS2-H) with no
 * ToUnicode map: PDF.js can read it only with the cMaps shipped in pdfjs-dist.
 */
function cjkPdf(): Uint8Array {
  const content = "BT /F1 24 Tf 20 100 Td <65E5672C8A9E> Tj ET"; // 日本語 as UCS-2 codes
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>",
    "<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPr6N-Regular /Encoding /UniJIS-UCS2-H /DescendantFonts [5 0 R] >>",
    "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPr6N-Regular " +
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >> /FontDescriptor 7 0 R >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /FontDescriptor /FontName /KozMinPr6N-Regular /Flags 4 /FontBBox [0 0 1000 1000] " +
      "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets = objects.map((object, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}

describe("extractPdf", () => {
  it("extracts each page in order, separated by a blank line, with the metadata", async () => {
    const pdf = await extractPdf(fixture("report.pdf"));
    expect(pdf.text).toBe(PAGES.join("\n\n"));
    expect(pdf.title).toBe("Quarterly Security Report");
    expect(pdf.author).toBe("Field Office North");
    expect(canonicalize(pdf.text)).toBe(pdf.text);
  });

  it("records page boundaries as code-point offsets that slice to each page's text", async () => {
    const pdf = await extractPdf(fixture("report.pdf"));
    expect(pdf.pages.map((p) => p.page)).toEqual([1, 2, 3]);
    pdf.pages.forEach((span, i) => expect(sliceCodePoints(pdf.text, span.start, span.end)).toBe(PAGES[i]));
    expect(pdf.pages.at(-1)!.end).toBe(Array.from(pdf.text).length);
  });

  it("keeps an empty page as an empty span between separators", async () => {
    const pdf = await extractPdf(await makePdf([["First page"], [], ["Third page"]]));
    expect(pdf.text).toBe("First page\n\n\n\nThird page");
    expect(pdf.pages).toEqual([
      { page: 1, start: 0, end: 10 },
      { page: 2, start: 12, end: 12 },
      { page: 3, start: 14, end: 24 },
    ]);
  });

  it("reads CJK text encoded through a predefined CMap (pdfjs-dist's cMaps are found)", async () => {
    expect((await extractPdf(cjkPdf())).text).toBe("日本語");
  });

  it("does not leave the caller's bytes detached", async () => {
    const bytes = fixture("report.pdf");
    await extractPdf(bytes);
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe("%PDF-");
  });

  it("refuses a PDF without a text layer (422)", async () => {
    const err = await rejection(extractPdf(fixture("scanned.pdf")));
    expect(err.status).toBe(422);
    expect(err.message).toBe("PDF has no text layer (scanned images?) — run OCR first");
  });

  it("refuses a password-protected PDF with that reason (422)", async () => {
    const err = await rejection(extractPdf(fixture("encrypted.pdf")));
    expect(err.status).toBe(422);
    expect(err.message).toMatch(/^PDF is encrypted with a password/);
  });

  it("refuses a broken PDF (422 'could not read the PDF: …')", async () => {
    const err = await rejection(extractPdf(new TextEncoder().encode("%PDF-1.7\nthis is not really a PDF\n%%EOF")));
    expect(err.status).toBe(422);
    expect(err.message).toMatch(/^could not read the PDF: .+/);
  });

  it("runs on pdfjs-dist's legacy build, the version the package declares", () => {
    const version = (createRequire(import.meta.url)("pdfjs-dist/package.json") as { version: string }).version;
    expect(version).toBe("5.6.205");
  });
});

describe("joinItems", () => {
  const item = (str: string, x: number, y: number, width: number, hasEOL = false, height = 10) => ({
    str,
    hasEOL,
    transform: [height, 0, 0, height, x, y],
    width,
    height,
  });

  it("ends a line at hasEOL and joins touching items directly", () => {
    expect(joinItems([item("Hel", 0, 100, 15), item("lo", 15, 100, 10, true), item("next", 0, 88, 20)])).toBe("Hello\nnext");
  });

  it("inserts one space for a visible gap, none when either side already has one", () => {
    expect(joinItems([item("a", 0, 100, 5), item("b", 20, 100, 5)])).toBe("a b");
    expect(joinItems([item("a ", 0, 100, 5), item("b", 20, 100, 5)])).toBe("a b");
    expect(joinItems([item("a", 0, 100, 5), item("b", 5.5, 100, 5)])).toBe("ab");
  });

  it("starts a new line when the baseline moves without an EOL flag", () => {
    expect(joinItems([item("up", 0, 100, 10), item("down", 0, 80, 20)])).toBe("up\ndown");
  });

  it("drops U+0000 that some fonts produce", () => {
    expect(joinItems([item("a\0b", 0, 100, 10)])).toBe("ab");
  });
});
