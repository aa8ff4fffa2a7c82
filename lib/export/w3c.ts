import { json, jsonString, TextChunks } from "./chunks";
import { scopeEvents } from "./events";
import { ManifestCollector, reviewFacts } from "./manifest";
import type { ExportAnnotation, ExportContext, ExportEvent, ExportFilters, ExportWriter } from "./types";

/**
 * W3C Web Annotation Data Model (JSON-LD): one AnnotationCollection whose `first` page is
 * embedded and holds every annotation, streamed one per line. `total` and the Tracewell
 * `manifest` (with every document's sha256 and length) come after the page, once known; JSON key
 * order carries no meaning, and writing them last is what lets the file stream.
 *
 * Each annotation: motivation "tagging"; bodies = the label as a TextualBody (purpose tagging),
 * the label's IRI (purpose classifying) and, when there are any, the attributes as a JSON
 * TextualBody (purpose describing); target = the document's API IRI with a TextPositionSelector
 * (code points) and a TextQuoteSelector, which the model treats as alternatives for the same
 * characters. `creator` carries no e-mail. Terms outside the model are defined in the inline
 * context below (docs/export-formats.md): `reviewStatus`, `revision` (the annotation's version)
 * and, once reviewed, `review` (its newest review decision, a JSON literal). A document's workflow
 * state and current sign-off are in its `manifest.documents` entry (beside its sha256), which is
 * also where documents without annotations appear.
 */

export const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";

export const TRACEWELL_CONTEXT = {
  "@version": 1.1,
  manifest: { "@id": "urn:tracewell:manifest", "@type": "@json" },
  reviewStatus: "urn:tracewell:reviewStatus",
  revision: { "@id": "urn:tracewell:revision", "@type": "http://www.w3.org/2001/XMLSchema#integer" },
  review: { "@id": "urn:tracewell:review", "@type": "@json" },
} as const;

export const W3C_MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

export function apiBase(context: ExportContext): string {
  return context.apiBaseUrl.replace(/\/+$/, "");
}

/** The collection's IRI: the export request that produces it (filters as comma-separated lists). */
export function collectionIri(context: ExportContext): string {
  const params = new URLSearchParams({ format: "w3c" });
  const filters: ExportFilters = context.filters;
  if (filters.documentIds) params.set("documentIds", filters.documentIds.join(","));
  if (filters.q !== undefined) params.set("q", filters.q);
  if (filters.labels) params.set("labels", filters.labels.join(","));
  if (filters.statuses) params.set("statuses", filters.statuses.join(","));
  if (filters.authors) params.set("authors", filters.authors.join(","));
  if (filters.signedOff) params.set("signedOff", "true");
  return `${apiBase(context)}/projects/${encodeURIComponent(context.project.id)}/export?${params.toString()}`;
}

export function documentIri(base: string, documentId: string): string {
  return `${base}/documents/${encodeURIComponent(documentId)}`;
}

/** A small memo: the same label, author or document yields the same JSON fragment. */
function memo<T>(make: (value: T) => string): (key: string, value: T) => string {
  const cache = new Map<string, string>();
  return (key, value) => {
    let text = cache.get(key);
    if (text === undefined) cache.set(key, (text = make(value)));
    return text;
  };
}

/**
 * Serializes annotations as JSON text. Built from fragments rather than through one object per
 * annotation because this is the hot path of a million-annotation export; the label bodies, the
 * creator and the target source are serialized once each. Key order is fixed, so output is
 * deterministic; the golden file and the W3C checker read it back.
 */
export function w3cSerializer(base: string): (annotation: ExportAnnotation) => string {
  const labelBodies = memo((label: ExportAnnotation["label"]) =>
    json({ type: "TextualBody", purpose: "tagging", value: label.name }) + "," +
    json({ type: "SpecificResource", purpose: "classifying", source: `${base}/labels/${encodeURIComponent(label.id)}` }),
  );
  const creator = memo((author: ExportAnnotation["author"]) =>
    json({ id: `${base}/users/${encodeURIComponent(author.id)}`, type: "Person", name: author.name }),
  );
  const source = memo((documentId: string) => json(documentIri(base, documentId)));
  return (a) => {
    const value = JSON.stringify(a.attributes);
    const attributes = value === "{}" ? "" : `,{"type":"TextualBody","purpose":"describing","format":"application/json","value":${json(value)}}`;
    // Left out when there is none: JSON-LD reads a null as "no value" anyway.
    const review = a.review ? `,"review":${json(reviewFacts(a.review))}` : "";
    // start, end and version are integers, status one of a few plain words.
    return (
      `{"id":${jsonString(`${base}/annotations/${encodeURIComponent(a.id)}`)},"type":"Annotation","motivation":"tagging",` +
      `"created":"${a.createdAt.toISOString()}","modified":"${a.updatedAt.toISOString()}",` +
      `"creator":${creator(a.author.id, a.author)},"reviewStatus":"${a.status}","revision":${a.version}${review},` +
      `"body":[${labelBodies(a.label.id, a.label)}${attributes}],` +
      `"target":{"type":"SpecificResource","source":${source(a.documentId, a.documentId)},"selector":[` +
      `{"type":"TextPositionSelector","start":${a.start},"end":${a.end}},` +
      `{"type":"TextQuoteSelector","exact":${jsonString(a.exact)},"prefix":${jsonString(a.prefix)},"suffix":${jsonString(a.suffix)}}]}}`
    );
  };
}

async function* writeW3c(events: AsyncIterable<ExportEvent>, context: ExportContext): AsyncGenerator<Uint8Array> {
  const base = apiBase(context);
  const id = collectionIri(context);
  const serialize = w3cSerializer(base);
  const manifest = new ManifestCollector("w3c", context, { documentIri: `${base}/documents/{id}` });
  const out = new TextChunks();
  const opening = json({
    "@context": [ANNO_CONTEXT, TRACEWELL_CONTEXT],
    id,
    type: "AnnotationCollection",
    label: `Tracewell annotations: ${context.project.name}`,
    generator: { id: base, type: "Software", name: `Tracewell ${context.tracewellVersion}` },
    generated: manifest.header.exportedAt,
    last: `${id}#page1`,
    first: { id: `${id}#page1`, type: "AnnotationPage", partOf: { id }, startIndex: 0, items: [] },
  });
  // Reopen the embedded page's empty items array (the last three characters are "]}}").
  let chunk = out.write(opening.slice(0, -3));
  if (chunk) yield chunk;
  let total = 0;
  for await (const event of scopeEvents(events)) {
    if (event.type === "annotation") {
      chunk = out.write(`${total === 0 ? "\n" : ",\n"}${serialize(event.annotation)}`);
      total++;
      if (chunk) yield chunk;
    } else if (event.type === "document-end") {
      manifest.addDocument(event.scope.document, event.scope.annotations, { source: documentIri(base, event.scope.document.id) });
    }
  }
  chunk = out.write(`\n]},\n"total":${total},\n"manifest":${json(manifest.complete())}}\n`);
  if (chunk) yield chunk;
  const rest = out.flush();
  if (rest) yield rest;
}

export const w3cWriter: ExportWriter = {
  format: "w3c",
  mediaType: W3C_MEDIA_TYPE,
  extension: "jsonld",
  write: writeW3c,
};
