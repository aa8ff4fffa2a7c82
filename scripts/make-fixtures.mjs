#!/usr/bin/env node
// Writes the ingestion test fixtures to test/fixtures/ingest/. Deterministic: running it again
// produces byte-identical files (fixed dates, no random IDs). Every text here is written for the
// tests; nothing is copied from elsewhere. Big inputs (zip bombs, oversize files) are generated
// in memory by the tests themselves, not stored.
//
//   node scripts/make-fixtures.mjs
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { zipSync, strToU8 } from "fflate";
import { PDFDocument, PDFHexString, PDFName, PDFNumber, StandardFonts, rgb } from "pdf-lib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "test/fixtures/ingest");
mkdirSync(out, { recursive: true });
const write = (name, bytes) => writeFileSync(path.join(out, name), bytes);
const FIXED_DATE = new Date("2024-05-01T12:00:00Z");

// ── plain text in every accepted encoding ────────────────────────────────────────────────────
// Emoji with ZWJ, a flag, astral CJK, Arabic with harakat, a decomposed é, an empty line, CRLF
// and one lone CR: the cases that break offsets elsewhere.
const MIXED =
  "Channel post, 3 March\r\n" +
  "\r\n" +
  "Family 👩‍👩‍👧 displaced; flag 🇦🇫 seen.\r\n" +
  "Commander مُحَمَّد said more than 6000 fighters.\r" +
  "Cafe\u0301 𠀋 closed.\r\n";
const utf16 = (text, le) => {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(le ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 + 2 * i + (le ? 0 : 1)] = unit & 0xff;
    bytes[2 + 2 * i + (le ? 1 : 0)] = unit >> 8;
  }
  return bytes;
};
write("mixed-utf8-bom.md", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(MIXED, "utf8")]));
write("mixed-utf16le.txt", utf16(MIXED, true));
write("mixed-utf16be.txt", utf16(MIXED, false));

// ── refusals ─────────────────────────────────────────────────────────────────────────────────
write("empty.txt", new Uint8Array(0));
// "Caf" then Latin-1 é (0xE9) followed by a space: not UTF-8 at byte 3.
write("latin1.txt", Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6c, 0x65, 0x0a]));
// A PNG signature and header chunk, saved as .txt.
write("image.txt", Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex"));
// UTF-32LE with its BOM.
const utf32 = Buffer.alloc(4 + 4 * 5);
utf32.set([0xff, 0xfe, 0, 0]);
[..."Hello"].forEach((c, i) => utf32.writeUInt32LE(c.codePointAt(0), 4 + 4 * i));
write("utf32.txt", utf32);
write(
  "windows-1252.html",
  Buffer.concat([
    Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', "latin1"),
    Buffer.from("<title>Caf\xe9</title></head><body><p>Caf\xe9 r\xe9sum\xe9</p></body></html>\n", "latin1"),
  ]),
);

// ── HTML page ────────────────────────────────────────────────────────────────────────────────
write(
  "article.html",
  `<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Clashes near the river crossing | The Valley Monitor</title>
  <meta name="author" content="Dana Whitlock">
  <meta property="og:site_name" content="The Valley Monitor">
  <meta property="article:published_time" content="2024-03-05T08:30:00+00:00">
  <meta property="og:url" content="https://monitor.example/clashes?ref=og">
  <link rel="canonical" href="https://monitor.example/clashes">
  <style>body { font-family: serif } .ad { display: block }</style>
  <script>window.analytics = "<p>tracking</p>";</script>
</head>
<body>
  <header class="site"><a href="/">The Valley Monitor</a> — home</header>
  <nav><ul><li><a href="/world">World</a></li><li><a href="/region">Region</a></li></ul></nav>
  <main>
    <article>
      <header><h1>Clashes near the river   crossing</h1>
        <p class="byline">By Dana Whitlock, <time datetime="2024-03-04">4 March</time></p></header>
      <p>Local officials said more than 6,000&nbsp;fighters of the Northern Front &amp; allied
         groups had gathered — a figure the group denied. &#x1F600;</p>
      <p>The caf&eacute; owner described the night as "quiet"<br>until 2 a.m.</p>
      <h2>Figures</h2>
      <ul><li>between 2,500 and 8,500 displaced</li><li>80 per cent of shops closed</li></ul>
      <blockquote>We will not withdraw, said a spokesman.</blockquote>
      <table><tr><th>Town</th><th>Reported</th></tr><tr><td>Eastbank</td><td>1,200</td></tr></table>
      <pre>  raw   log
    line two</pre>
      <div hidden>hidden draft paragraph</div>
      <div aria-hidden="true">decorative</div>
      <noscript>Enable JavaScript</noscript>
      <form action="/subscribe"><label>Email</label><input name="email"><button>Subscribe</button></form>
    </article>
  </main>
  <aside>Most read: unrelated story</aside>
  <footer>© The Valley Monitor</footer>
  <script src="/app.js"></script>
</body>
</html>
`,
);

// ── PDFs ─────────────────────────────────────────────────────────────────────────────────────
async function pdf(build) {
  const doc = await PDFDocument.create();
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  doc.setProducer("tracewell make-fixtures");
  doc.setCreator("tracewell make-fixtures");
  await build(doc);
  return doc.save({ useObjectStreams: false });
}

const REPORT_PAGES = [
  ["Quarterly security report", "Page one: more than 6000 fighters reported."],
  ["Section two", "Page two: between 2,500 and 8,500 displaced."],
  ["Section three", "Page three: 80 per cent of shops closed."],
];
write(
  "report.pdf",
  await pdf(async (doc) => {
    doc.setTitle("Quarterly Security Report");
    doc.setAuthor("Field Office North");
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (const [heading, line] of REPORT_PAGES) {
      const page = doc.addPage([420, 300]);
      page.drawText(heading, { x: 40, y: 250, size: 16, font });
      page.drawText(line, { x: 40, y: 220, size: 11, font });
    }
  }),
);

write(
  "scanned.pdf",
  await pdf(async (doc) => {
    const page = doc.addPage([420, 300]);
    page.drawRectangle({ x: 40, y: 40, width: 200, height: 120, color: rgb(0.5, 0.5, 0.5) });
  }),
);

// A Standard security handler whose /U entry matches no password: readers must ask for one.
write(
  "encrypted.pdf",
  await pdf(async (doc) => {
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([420, 300]).drawText("Secret text", { x: 40, y: 250, size: 12, font });
    const context = doc.context;
    const encrypt = context.obj({
      Filter: PDFName.of("Standard"),
      V: PDFNumber.of(1),
      R: PDFNumber.of(2),
      O: PDFHexString.of("11".repeat(32)),
      U: PDFHexString.of("22".repeat(32)),
      P: PDFNumber.of(-44),
    });
    context.trailerInfo.Encrypt = context.register(encrypt);
    const id = PDFHexString.of("0123456789abcdef0123456789abcdef");
    context.trailerInfo.ID = context.obj([id, id]);
  }),
);

// ── DOCX (built by hand: the minimum a Word document needs) ──────────────────────────────────
const xml = (s) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);
const paragraph = (text, rtl = false) =>
  `<w:p>${rtl ? "<w:pPr><w:bidi/></w:pPr>" : ""}<w:r>${rtl ? "<w:rPr><w:rtl/></w:rPr>" : ""}<w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const zipOptions = { mtime: FIXED_DATE };
write(
  "memo.docx",
  zipSync(
    {
      "[Content_Types].xml": xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
          "</Types>",
      ),
      "_rels/.rels": xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
          "</Relationships>",
      ),
      "word/document.xml": xml(
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
          paragraph("Field memo: the Northern Front (also NF, al-Jabha al-Shamaliya) moved south.") +
          paragraph("قال القائد مُحَمَّد إن أكثر من ٦٠٠٠ مقاتل وصلوا.", true) +
          paragraph("Source grade: B2 &amp; unconfirmed.") +
          "</w:body></w:document>",
      ),
      "docProps/core.xml": xml(
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
          'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Field Memo 12</dc:title>' +
          "<dc:creator>Analyst Team B</dc:creator><dc:language>en-GB</dc:language></cp:coreProperties>",
      ),
    },
    zipOptions,
  ),
);

// ── zips ─────────────────────────────────────────────────────────────────────────────────────
write(
  "bundle.zip",
  zipSync(
    {
      "sources/": new Uint8Array(0),
      "sources/first.txt": strToU8("First source: the convoy left at dawn.\n"),
      "sources/second.txt": strToU8("Second source: roughly 300 vehicles.\r\n"),
      "sources/page.html": strToU8("<html><head><title>Page in a zip</title></head><body><p>Zipped &amp; readable.</p></body></html>"),
      "__MACOSX/sources/._first.txt": new Uint8Array([0, 5, 22, 7, 0, 2, 0, 0]),
      "sources/.DS_Store": new Uint8Array([0, 0, 0, 1, 66, 117, 100, 49]),
    },
    zipOptions,
  ),
);
write(
  "traversal.zip",
  zipSync({ "ok.txt": strToU8("harmless\n"), "../evil.txt": strToU8("escaped the upload directory\n") }, zipOptions),
);

console.log(`fixtures written to ${path.relative(root, out)}/`);
