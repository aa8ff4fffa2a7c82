import { CodePointIndex, codePointLength, splitsSurrogatePair } from "@/lib/text/code-points";
import { stepForward } from "@/lib/text/quote";
import type { ExportAnnotation, ExportDocument, ExportEvent } from "./types";

/**
 * Walks the export event stream (a document, then its annotations, then the next document) and
 * marks where each document ends, so writers can close a record or a file. It also refuses a
 * stream that would produce a wrong export: an annotation outside its document, or whose quote
 * is not the code-point slice of the text (ARCHITECTURE.md, text contract point 4). The database
 * guarantees both, so an error here means a bug upstream — better a failed download than a file
 * whose offsets lie.
 */

export interface DocumentScope {
  document: ExportDocument;
  /** Code-point index over the canonical text, for O(block) slicing of many spans. */
  index: CodePointIndex;
  /** Annotations come sorted by start, so the last conversion is a good place to continue from. */
  cursor: { cp: number; unit: number };
  /** 0 for the first document of the export. */
  ordinal: number;
  /** Annotations of this document seen so far. */
  annotations: number;
}

export type ScopedEvent =
  | { type: "document"; scope: DocumentScope }
  | { type: "annotation"; scope: DocumentScope; annotation: ExportAnnotation }
  | { type: "document-end"; scope: DocumentScope };

export class ExportStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExportStreamError";
  }
}

/** UTF-16 offset of code point `cp`: a short walk from the cursor, or the index's O(block) lookup. */
function toUtf16(scope: DocumentScope, cp: number): number {
  const { cursor, index } = scope;
  if (cp < cursor.cp || cp - cursor.cp > 256) {
    cursor.unit = index.toUtf16(cp);
  } else {
    // cp ≤ the text's length (checked by the caller), so the walk never runs off the end.
    cursor.unit = stepForward(index.text, cursor.unit, cp - cursor.cp);
  }
  cursor.cp = cp;
  return cursor.unit;
}

function checkAnnotation(scope: DocumentScope, annotation: ExportAnnotation): void {
  const { start, end, exact } = annotation;
  if (annotation.documentId !== scope.document.id) {
    throw new ExportStreamError(`annotation ${annotation.id} belongs to document ${annotation.documentId}, not ${scope.document.id}`);
  }
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > scope.index.length) {
    throw new ExportStreamError(`annotation ${annotation.id}: [${start}, ${end}) is outside document ${scope.document.id} (${scope.index.length} code points)`);
  }
  // exact starts at `start`, has end − start code points and does not end inside a surrogate pair.
  const from = toUtf16(scope, start);
  const text = scope.index.text;
  const after = from + exact.length;
  const matches =
    text.startsWith(exact, from) &&
    codePointLength(exact) === end - start &&
    !splitsSurrogatePair(text, after);
  if (!matches) {
    throw new ExportStreamError(`annotation ${annotation.id}: exact does not match the text at [${start}, ${end}) of document ${scope.document.id}`);
  }
}

export async function* scopeEvents(events: AsyncIterable<ExportEvent>): AsyncGenerator<ScopedEvent> {
  let scope: DocumentScope | null = null;
  let ordinal = 0;
  for await (const event of events) {
    if (event.type === "document") {
      if (scope) yield { type: "document-end", scope };
      const index = new CodePointIndex(event.document.text);
      if (index.length !== event.document.length) {
        throw new ExportStreamError(`document ${event.document.id}: length ${event.document.length} but the text has ${index.length} code points`);
      }
      scope = { document: event.document, index, cursor: { cp: 0, unit: 0 }, ordinal: ordinal++, annotations: 0 };
      yield { type: "document", scope };
    } else {
      if (!scope) throw new ExportStreamError(`annotation ${event.annotation.id} came before any document`);
      checkAnnotation(scope, event.annotation);
      scope.annotations++;
      yield { type: "annotation", scope, annotation: event.annotation };
    }
  }
  if (scope) yield { type: "document-end", scope };
}

/** One document with all its annotations, for writers that must see a whole document (CoNLL, CSV). */
export async function* bufferedDocuments(
  events: AsyncIterable<ExportEvent>,
): AsyncGenerator<{ scope: DocumentScope; annotations: ExportAnnotation[] }> {
  let annotations: ExportAnnotation[] = [];
  for await (const event of scopeEvents(events)) {
    if (event.type === "document") annotations = [];
    else if (event.type === "annotation") annotations.push(event.annotation);
    else yield { scope: event.scope, annotations };
  }
}
