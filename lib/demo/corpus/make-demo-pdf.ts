import { PDFDocument, type PDFFont, type PDFPage, StandardFonts, rgb } from "pdf-lib";
import { REPORT_AUTHOR, REPORT_BLOCKS, REPORT_DATE, REPORT_TITLE, type ReportBlock } from "./harvand-risk-assessment";

const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const MARGIN = 64;
const STYLE = {
  title: { size: 18, bold: true, before: 0, after: 10 },
  subtitle: { size: 10, bold: false, before: 0, after: 4 },
  heading: { size: 13, bold: true, before: 14, after: 6 },
  paragraph: { size: 10.5, bold: false, before: 0, after: 8 },
  bullet: { size: 10.5, bold: false, before: 0, after: 5 },
} as const;
const BULLET_INDENT = 14;

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The demo think-tank report as a two-page PDF with a real text layer and Title/Author metadata.
 * Pure and deterministic: fixed dates and no random ids, so every seed produces the same bytes.
 */
export async function makeDemoPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const published = new Date(`${REPORT_DATE}T08:00:00Z`);
  doc.setTitle(REPORT_TITLE);
  doc.setAuthor(REPORT_AUTHOR);
  doc.setSubject("Fictional risk assessment written for the Tracewell demo corpus");
  doc.setKeywords(["Harvand", "Black Mountain Front", "BMF", "JKS", "fictional"]);
  doc.setCreator("Tracewell demo corpus (lib/demo/corpus/make-demo-pdf.ts)");
  doc.setProducer("pdf-lib");
  doc.setLanguage("en");
  doc.setCreationDate(published);
  doc.setModificationDate(published);

  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const textWidth = PAGE.width - 2 * MARGIN;
  let page: PDFPage = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - MARGIN;

  const newPage = () => {
    page = doc.addPage([PAGE.width, PAGE.height]);
    y = PAGE.height - MARGIN;
  };

  const draw = (block: Exclude<ReportBlock, { kind: "pageBreak" }>) => {
    const style = STYLE[block.kind];
    const font = style.bold ? bold : regular;
    const indent = block.kind === "bullet" ? BULLET_INDENT : 0;
    const leading = style.size * 1.35;
    const lines = wrap(block.text, font, style.size, textWidth - indent);
    y -= style.before;
    lines.forEach((line, i) => {
      if (y - leading < MARGIN) newPage();
      y -= leading;
      if (block.kind === "bullet" && i === 0) page.drawText("-", { x: MARGIN, y, size: style.size, font });
      page.drawText(line, { x: MARGIN + indent, y, size: style.size, font, color: rgb(0.1, 0.1, 0.1) });
    });
    y -= style.after;
  };

  for (const block of REPORT_BLOCKS) {
    if (block.kind === "pageBreak") newPage();
    else draw(block);
  }

  const pages = doc.getPages();
  pages.forEach((p, i) => {
    p.drawText(`Page ${i + 1} of ${pages.length}`, { x: PAGE.width - MARGIN - 50, y: MARGIN / 2, size: 8, font: regular });
  });
  return doc.save();
}
