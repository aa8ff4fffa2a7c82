import { json, TextChunks } from "./chunks";
import { scopeEvents } from "./events";
import { documentFacts, manifestHeader } from "./manifest";
import type { ExportContext, ExportEvent, ExportWriter } from "./types";

/**
 * spaCy-style JSONL: one document per line, `{ "text", "spans": [{ "start", "end", "label",
 * "id", "attributes" }], "meta" }`. Offsets count code points, which is what Python's str and
 * spaCy's `Doc.char_span(start, end, label=…)` count. Overlapping spans are all kept — they fit
 * a spaCy SpanGroup (`doc.spans[key]`), not `doc.ents`.
 *
 * Two lines are not documents, and carry no "text" key, so a reader skips them with
 * `if "text" in record`: line 1 `{"tracewell_manifest": {…}}` and the last line
 * `{"tracewell_end": {documents, annotations}}` (missing means the export was cut short).
 */

async function* writeSpacy(events: AsyncIterable<ExportEvent>, context: ExportContext): AsyncGenerator<Uint8Array> {
  const out = new TextChunks();
  let chunk = out.write(`${json({ tracewell_manifest: manifestHeader("spacy", context) })}\n`);
  if (chunk) yield chunk;
  let documents = 0;
  let annotations = 0;
  // Like the JSONL writer, a document's line is opened, its spans appended, then closed.
  for await (const event of scopeEvents(events)) {
    const { document } = event.scope;
    if (event.type === "document") {
      documents++;
      chunk = out.write(`{"text":${json(document.text)},"spans":[`);
    } else if (event.type === "annotation") {
      annotations++;
      const a = event.annotation;
      const span = { start: a.start, end: a.end, label: a.label.name, id: a.id, attributes: a.attributes };
      chunk = out.write((event.scope.annotations === 1 ? "" : ",") + json(span));
    } else {
      const meta = { ...documentFacts(document), language: document.metadata.language, source: "tracewell" };
      chunk = out.write(`],"meta":${json(meta)}}\n`);
    }
    if (chunk) yield chunk;
  }
  chunk = out.write(`${json({ tracewell_end: { documents, annotations } })}\n`);
  if (chunk) yield chunk;
  const rest = out.flush();
  if (rest) yield rest;
}

export const spacyWriter: ExportWriter = {
  format: "spacy",
  mediaType: "application/x-ndjson",
  extension: "jsonl",
  write: writeSpacy,
};
