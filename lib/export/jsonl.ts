import { json, jsonString, TextChunks } from "./chunks";
import { scopeEvents } from "./events";
import { manifestHeader, reviewFacts, signOffFacts } from "./manifest";
import type { ExportAnnotation, ExportContext, ExportDocument, ExportEvent, ExportWriter } from "./types";

/**
 * Tracewell JSONL — the lossless format, read back by lib/import.
 *
 *   line 1            {"type":"manifest", …export facts}
 *   one per document  {"type":"document", id, title, metadata, sha256, length, text, original,
 *                      created, state, signOff, annotations: [{ id, label, kind, start, end, exact,
 *                      prefix, suffix, attributes, author: {id, name, email}, status, version,
 *                      review, created, modified }]}
 *   last line         {"type":"end", documents, annotations} — missing means the export was cut short
 *
 * `state` is the document's review workflow state and `signOff` its current sign-off (null unless
 * signed_off): { id, signer: {id, name}, at, annotationSetHash, accepted, rejected }. `review` is
 * an annotation's newest review decision or null: { decision, reason, reviewer: {id, name}, at,
 * version }. The importer reads neither: sign-offs and reviews are not recreated.
 *
 * A document's annotations share its line, yet the line is never built whole: it is opened,
 * each annotation is appended as it arrives, and it is closed when the next document starts.
 */

function documentOpening(document: ExportDocument): string {
  const head = json({
    type: "document",
    id: document.id,
    title: document.title,
    metadata: document.metadata,
    sha256: document.sha256,
    length: document.length,
    text: document.text,
    original: document.original,
    created: document.createdAt.toISOString(),
    state: document.state,
    signOff: signOffFacts(document.signOff),
  });
  return `${head.slice(0, -1)},"annotations":[`;
}

/**
 * One annotation as JSON text: { id, label, kind, start, end, exact, prefix, suffix, attributes,
 * author: {id, name, email}, status, version, review, created, modified }. Built from fragments
 * (label and author serialized once each) because this is the hot path of a large export.
 */
export function jsonlSerializer(): (annotation: ExportAnnotation) => string {
  const labels = new Map<string, string>();
  const authors = new Map<string, string>();
  return (a) => {
    let label = labels.get(a.label.id);
    if (label === undefined) labels.set(a.label.id, (label = `"label":${json(a.label.name)},"kind":${json(a.label.kind)}`));
    let author = authors.get(a.author.id);
    if (author === undefined) authors.set(a.author.id, (author = json({ id: a.author.id, name: a.author.name, email: a.author.email })));
    // start, end and version are integers, status one of a few plain words.
    return (
      `{"id":${jsonString(a.id)},${label},"start":${a.start},"end":${a.end},` +
      `"exact":${jsonString(a.exact)},"prefix":${jsonString(a.prefix)},"suffix":${jsonString(a.suffix)},"attributes":${json(a.attributes)},` +
      `"author":${author},"status":"${a.status}","version":${a.version},"review":${a.review ? json(reviewFacts(a.review)) : "null"},` +
      `"created":"${a.createdAt.toISOString()}","modified":"${a.updatedAt.toISOString()}"}`
    );
  };
}

async function* writeJsonl(events: AsyncIterable<ExportEvent>, context: ExportContext): AsyncGenerator<Uint8Array> {
  const out = new TextChunks();
  const serialize = jsonlSerializer();
  const header = json({ type: "manifest", ...manifestHeader("jsonl", context) });
  let chunk = out.write(`${header}\n`);
  if (chunk) yield chunk;
  let documents = 0;
  let annotations = 0;
  for await (const event of scopeEvents(events)) {
    if (event.type === "document") {
      documents++;
      chunk = out.write(documentOpening(event.scope.document));
    } else if (event.type === "annotation") {
      annotations++;
      const separator = event.scope.annotations === 1 ? "" : ",";
      chunk = out.write(separator + serialize(event.annotation));
    } else {
      chunk = out.write("]}\n");
    }
    if (chunk) yield chunk;
  }
  chunk = out.write(`${json({ type: "end", documents, annotations })}\n`);
  if (chunk) yield chunk;
  const rest = out.flush();
  if (rest) yield rest;
}

export const jsonlWriter: ExportWriter = {
  format: "jsonl",
  mediaType: "application/x-ndjson",
  extension: "jsonl",
  write: writeJsonl,
};
