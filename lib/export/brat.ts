import { annotationConf, BRAT_ATTRIBUTES, bratType, bratValue, RESERVED_TYPES, SOURCE_RELATION, visualConf, type BratLabel } from "./brat-conf";
import { formatNote } from "./brat-notes";
import { TextChunks, utf8 } from "./chunks";
import { scopeEvents, type DocumentScope } from "./events";
import { ManifestCollector } from "./manifest";
import { NameMap, slug, UniqueNames } from "./names";
import { LINE_BREAK } from "./tokenize";
import type { ExportAnnotation, ExportContext, ExportEvent, ExportLabel, ExportWriter } from "./types";
import { ZipStream, type ZipEntry } from "./zip-stream";

/**
 * brat standoff (https://brat.nlplab.org/standoff.html), as a zip holding one folder — a brat
 * collection: per document `<name>.txt` (the canonical text, byte for byte) and `<name>.ann`, then
 * `annotation.conf`, `visual.conf` and `manifest.json` (written last, with every document's
 * sha256). brat reads the .txt as a Python str, so its offsets count code points, like ours.
 *
 * .ann lines, numbered per document:
 *   T  `T1\tType start end\tcovered text`. brat reads .ann files line by line (Python's
 *      splitlines), so a span over a line break becomes fragments `s1 e1;s2 e2` around the break,
 *      with the fragment texts joined by one space — brat's own convention for discontinuous
 *      spans. Line breaks at a span's edges are left out (counted as `trimmed`); a span of line
 *      breaks only cannot be written (counted as `skipped`).
 *   A  enumerated attributes, declared in annotation.conf: `A1\tQualifier T1 more_than`.
 *   #  `#1\tAnnotatorNotes T1\tvalue=6000; qualifier=more than; unit=fighters` — every attribute
 *      (brat-notes.ts gives the grammar).
 *   R  `R1\tClaim_source Arg1:T3 Arg2:T1` when a claim's source is an entity annotation in the
 *      same export; written after the document's T lines.
 */

interface DocumentState {
  scope: DocumentScope;
  name: string;
  ann: ZipEntry;
  out: TextChunks;
  t: number;
  a: number;
  notes: number;
  entityT: Map<string, string>;
  claimSources: { claimT: string; sourceId: string }[];
  trimmed: number;
  skipped: number;
}

/** Fragments of [start, end) between line breaks, in code points; null when nothing is left. */
export function bratFragments(annotation: ExportAnnotation): { spans: [number, number][]; text: string; trimmed: boolean } | null {
  if (annotation.start === annotation.end) return { spans: [[annotation.start, annotation.end]], text: "", trimmed: false };
  const spans: [number, number][] = [];
  const texts: string[] = [];
  let cp = annotation.start;
  let runStart = -1;
  let run = "";
  for (const ch of annotation.exact) {
    if (LINE_BREAK.test(ch)) {
      if (runStart >= 0) spans.push([runStart, cp]), texts.push(run);
      runStart = -1;
      run = "";
    } else {
      if (runStart < 0) runStart = cp;
      run += ch;
    }
    cp++;
  }
  if (runStart >= 0) spans.push([runStart, cp]), texts.push(run);
  if (spans.length === 0) return null;
  const trimmed = spans[0]![0] !== annotation.start || spans[spans.length - 1]![1] !== annotation.end;
  return { spans, text: texts.join(" "), trimmed };
}

const ATTRIBUTE_VALUES = new Map(BRAT_ATTRIBUTES.map((a) => [a.name, new Set<string>(a.values.map(bratValue))]));

function annotationLines(doc: DocumentState, annotation: ExportAnnotation, type: string): string {
  const fragments = bratFragments(annotation);
  if (!fragments) {
    doc.skipped++;
    return "";
  }
  if (fragments.trimmed) doc.trimmed++;
  const t = `T${++doc.t}`;
  const offsets = fragments.spans.map(([s, e]) => `${s} ${e}`).join(";");
  let lines = `${t}\t${type} ${offsets}\t${fragments.text}\n`;
  const { kind } = annotation.label;
  for (const attribute of BRAT_ATTRIBUTES) {
    const v = annotation.attributes[attribute.key];
    if (attribute.kind !== kind || v === undefined) continue;
    const form = bratValue(v);
    if (ATTRIBUTE_VALUES.get(attribute.name)!.has(form)) lines += `A${++doc.a}\t${attribute.name} ${t} ${form}\n`;
  }
  const note = formatNote(annotation.attributes);
  if (note) lines += `#${++doc.notes}\tAnnotatorNotes ${t}\t${note}\n`;
  if (kind === "entity") doc.entityT.set(annotation.id, t);
  const source = annotation.attributes.source as { annotationId?: unknown } | undefined;
  if (kind === "claim" && typeof source?.annotationId === "string") doc.claimSources.push({ claimT: t, sourceId: source.annotationId });
  return lines;
}

function relationLines(doc: DocumentState): string {
  let lines = "";
  let r = 0;
  for (const { claimT, sourceId } of doc.claimSources) {
    const entityT = doc.entityT.get(sourceId);
    if (entityT) lines += `R${++r}\t${SOURCE_RELATION} Arg1:${claimT} Arg2:${entityT}\n`;
  }
  return lines;
}

function documentName(scope: DocumentScope, names: UniqueNames): string {
  const id = scope.document.id.replace(/[^A-Za-z0-9_-]+/g, "_");
  return names.take(`${slug(scope.document.title, 40) || "document"}-${id}`);
}

async function* writeBrat(events: AsyncIterable<ExportEvent>, context: ExportContext): AsyncGenerator<Uint8Array> {
  const zip = new ZipStream(context.now());
  const folder = slug(context.project.name) || `project-${context.project.id.replace(/[^A-Za-z0-9_-]+/g, "_")}`;
  const manifest = new ManifestCollector("brat", context);
  const types = new NameMap(bratType, RESERVED_TYPES);
  // The project's labels in their order (so type names do not depend on the stream), then any other seen.
  const labels = new Map<string, ExportLabel>();
  const remember = (label: ExportLabel) => {
    if (!labels.has(label.id)) labels.set(label.id, label);
    return types.get(label.id, label.name);
  };
  for (const label of context.labels) remember(label);
  const names = new UniqueNames();
  let doc: DocumentState | null = null;
  const totals = { trimmed: 0, skipped: 0 };

  for await (const event of scopeEvents(events)) {
    if (event.type === "document") {
      const name = documentName(event.scope, names);
      yield* zip.file(`${folder}/${name}.txt`, utf8(event.scope.document.text));
      const ann = zip.entry(`${folder}/${name}.ann`);
      doc = { scope: event.scope, name, ann, out: new TextChunks(), t: 0, a: 0, notes: 0, entityT: new Map(), claimSources: [], trimmed: 0, skipped: 0 };
    } else if (event.type === "annotation" && doc) {
      const lines = annotationLines(doc, event.annotation, remember(event.annotation.label));
      const chunk = lines ? doc.out.write(lines) : null;
      if (chunk) yield* doc.ann.write(chunk);
    } else if (event.type === "document-end" && doc) {
      doc.out.write(relationLines(doc));
      const rest = doc.out.flush();
      if (rest) yield* doc.ann.write(rest);
      yield* doc.ann.end();
      totals.trimmed += doc.trimmed;
      totals.skipped += doc.skipped;
      manifest.addDocument(doc.scope.document, doc.scope.annotations, { txt: `${doc.name}.txt`, ann: `${doc.name}.ann`, trimmed: doc.trimmed, skipped: doc.skipped });
      doc = null;
    }
  }

  const bratLabels: BratLabel[] = [...labels.values()].map((label) => ({ label, type: types.get(label.id, label.name) }));
  yield* zip.file(`${folder}/annotation.conf`, utf8(annotationConf(bratLabels)));
  yield* zip.file(`${folder}/visual.conf`, utf8(visualConf(bratLabels)));
  const details = {
    folder,
    labelTypes: Object.fromEntries(bratLabels.map(({ label, type }) => [label.name, type])),
    attributes: Object.fromEntries(BRAT_ATTRIBUTES.map((a) => [a.name, `${a.kind} attribute "${a.key}" (spaces in values become _)`])),
    relations: { [SOURCE_RELATION]: "a claim (Arg1) and the entity annotation named as its source (Arg2)" },
    notes: "AnnotatorNotes hold every attribute as key=value items joined by '; ' (docs/export-formats.md)",
    fragments: "spans over line breaks are written as fragments around them; trimmed/skipped count spans with line breaks at an edge / only line breaks",
  };
  yield* zip.file(`${folder}/manifest.json`, utf8(`${JSON.stringify(manifest.complete(totals, details), null, 2)}\n`));
  yield* zip.end();
}

export const bratWriter: ExportWriter = {
  format: "brat",
  mediaType: "application/zip",
  extension: "zip",
  write: writeBrat,
};
