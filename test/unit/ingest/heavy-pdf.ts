import { PDFDict, PDFDocument, PDFName, StandardFonts } from "pdf-lib";

/**
 * A PDF that is small on disk but expensive to extract: every page shares one compressed content
 * stream of `lines` text-showing operators, so the cost is pages × lines text items while the file
 * stays a few KB. A single page's text is read in one uninterrupted step by PDF.js, so many lines
 * on few pages is what stalls an event loop (the 319 KB PDF); many pages of few lines is
 * what burns CPU for long (its 20,000-page one).
 */
export async function makeHeavyPdf({ pages, lines = 1, title }: { pages: number; lines?: number; title?: string }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  if (title !== undefined) doc.setTitle(title);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const first = doc.addPage([600, 800]);
  first.drawText("x", { x: 10, y: 10, size: 8, font }); // registers the font in the page's resources
  const resources = first.node.get(PDFName.of("Resources"))!;
  const fonts = first.node.Resources()!.lookup(PDFName.of("Font"), PDFDict);
  const fontName = fonts.keys()[0]!.asString();
  let content = `BT ${fontName} 8 Tf 10 TL 10 790 Td\n`;
  for (let l = 0; l < lines; l++) content += `(line ${l} of a heavy page, lorem ipsum dolor) Tj T*${l % 78 === 77 ? " 0 780 Td" : ""}\n`;
  content += "ET\n";
  const contents = doc.context.register(doc.context.flateStream(content));
  for (let p = 0; p < pages; p++) {
    const page = p === 0 ? first : doc.addPage([600, 800]);
    page.node.set(PDFName.of("Contents"), contents);
    page.node.set(PDFName.of("Resources"), resources);
  }
  return doc.save();
}
