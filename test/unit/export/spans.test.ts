import { describe, expect, it } from "vitest";
import { WRITERS } from "@/lib/export";
import { sliceCodePoints } from "@/lib/text/code-points";
import { sha256Hex } from "@/lib/text/hash";
import { collect, corpus } from "./fixture-corpus";
import { bratTextBounds, parseCsv, pySlice, pythonSplitlines, unzip, utf8Text } from "./read-back";

/**
 * Every exported span, read back the way the format's own readers would, selects exactly the
 * characters it claims to — counted in code points over the canonical text.
 */

const docs = corpus();
const texts = new Map(docs.map((d) => [d.document.id, d.document.text]));
const annotations = new Map(docs.flatMap((d) => d.annotations).map((a) => [a.id, a]));
const annotationCount = docs.reduce((n, d) => n + d.annotations.length, 0);

describe("every exported span is the code-point slice of its document", () => {
  it("jsonl: start/end slice to exact, prefix and suffix surround it, hashes and lengths hold", async () => {
    const lines = (await collect(WRITERS.jsonl)).toString("utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines[0].type).toBe("manifest");
    expect(lines[0].offsetUnit).toBe("Unicode code points, half-open [start, end)");
    expect(lines.at(-1)).toEqual({ type: "end", documents: 3, annotations: annotationCount });
    let seen = 0;
    for (const record of lines.slice(1, -1)) {
      expect(sha256Hex(record.text)).toBe(record.sha256);
      expect([...record.text].length).toBe(record.length);
      for (const a of record.annotations) {
        seen++;
        expect(sliceCodePoints(record.text, a.start, a.end)).toBe(a.exact);
        expect(pySlice(record.text, a.start - [...a.prefix].length, a.start)).toBe(a.prefix);
        expect(pySlice(record.text, a.end, a.end + [...a.suffix].length)).toBe(a.suffix);
      }
    }
    expect(seen).toBe(annotationCount);
  });

  it("w3c: the TextPositionSelector slices to the TextQuoteSelector's exact", async () => {
    const collection = JSON.parse((await collect(WRITERS.w3c)).toString("utf8"));
    const items = collection.first.items;
    expect(items).toHaveLength(annotationCount);
    expect(collection.total).toBe(annotationCount);
    for (const item of items) {
      const source: string = item.target.source;
      const text = texts.get(decodeURIComponent(source.slice(source.lastIndexOf("/") + 1)))!;
      const [position, quote] = item.target.selector;
      expect(position.type).toBe("TextPositionSelector");
      expect(pySlice(text, position.start, position.end)).toBe(quote.exact);
      expect(pySlice(text, 0, position.start).endsWith(quote.prefix)).toBe(true);
      expect(pySlice(text, position.end, [...text].length).startsWith(quote.suffix)).toBe(true);
    }
    for (const entry of collection.manifest.documents) expect(entry.sha256).toBe(sha256Hex(texts.get(entry.id)!));
  });

  it("brat: each .txt is the canonical text byte for byte and each T line's text is its fragments' slices", async () => {
    const files = unzip(await collect(WRITERS.brat));
    const manifest = JSON.parse(utf8Text(files.get("borderlands-monitor/manifest.json")));
    let textBounds = 0;
    for (const entry of manifest.documents) {
      const txt = files.get(`borderlands-monitor/${entry.txt}`)!;
      expect(Buffer.compare(Buffer.from(txt), Buffer.from(texts.get(entry.id)!, "utf8"))).toBe(0);
      expect(sha256Hex(utf8Text(txt))).toBe(entry.sha256);
      const ann = utf8Text(files.get(`borderlands-monitor/${entry.ann}`));
      // brat reads with str.splitlines(): our lines must split there and nowhere else.
      expect(pythonSplitlines(ann)).toEqual(ann === "" ? [] : ann.slice(0, -1).split("\n"));
      for (const t of bratTextBounds(ann)) {
        textBounds++;
        const text = utf8Text(txt);
        expect(t.spans.map(([s, e]) => pySlice(text, s, e)).join(" ")).toBe(t.text);
      }
    }
    const skipped = manifest.totals.skipped;
    expect(skipped).toBe(1);
    expect(textBounds).toBe(annotationCount - skipped);
  });

  it("spacy: Python-style slicing of text[start:end] gives each annotation's exact", async () => {
    const lines = (await collect(WRITERS.spacy)).toString("utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(Object.keys(lines[0])).toEqual(["tracewell_manifest"]);
    expect(lines.at(-1)).toEqual({ tracewell_end: { documents: 3, annotations: annotationCount } });
    let seen = 0;
    for (const record of lines.slice(1, -1)) {
      expect(sha256Hex(record.text)).toBe(record.meta.sha256);
      for (const span of record.spans) {
        seen++;
        expect(pySlice(record.text, span.start, span.end)).toBe(annotations.get(span.id)!.exact);
      }
    }
    expect(seen).toBe(annotationCount);
  });

  it("conll: tokens appear in the text in order with only whitespace between, and BIO runs are well formed", async () => {
    const lines = (await collect(WRITERS.conll)).toString("utf8").split("\n");
    const documents = lines.filter((l) => l.startsWith("# tracewell-document: ")).map((l) => JSON.parse(l.slice(22)));
    let doc = -1;
    let cursor = 0;
    let previous = "O";
    for (const line of lines) {
      if (line.startsWith("# tracewell-")) continue;
      if (line === "-DOCSTART- -X- -X- O") {
        doc++;
        cursor = 0;
        continue;
      }
      if (line === "") {
        previous = "O";
        continue;
      }
      const [token, pos, chunk, tag] = line.split(" ");
      expect([pos, chunk]).toEqual(["-X-", "-X-"]);
      const text = [...texts.get(documents[doc].id)!];
      while (/[\s\u001c-\u001f\u0085]/u.test(text[cursor] ?? "")) cursor++;
      const length = [...token!].length;
      expect(text.slice(cursor, cursor + length).join("")).toBe(token);
      cursor += length;
      if (tag!.startsWith("I-")) expect(previous.slice(2)).toBe(tag!.slice(2));
      previous = tag!;
    }
    expect(doc).toBe(2);
  });

  it("csv: each quote is the slice at start/end (less the formula guard's apostrophe)", async () => {
    const files = unzip(await collect(WRITERS.csv));
    const csv = utf8Text(files.get("borderlands-monitor/annotations.csv"));
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = parseCsv(csv.slice(1));
    const column = (name: string) => header!.indexOf(name);
    expect(rows).toHaveLength(7);
    for (const row of rows) {
      const text = texts.get(row[column("document_id")]!)!;
      const quote = row[column("quote")]!.replace(/^'(?=[=+\-@\t\r])/, "");
      expect(pySlice(text, Number(row[column("start")]), Number(row[column("end")]))).toBe(quote);
      expect(["figure", "claim"]).toContain(row[column("kind")]);
    }
  });
});
