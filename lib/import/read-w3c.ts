import { z } from "zod";
import { ZAnnotationStatus } from "@/lib/annotations/shape";
import { decodeUtf8, describeIssues, MalformedFile } from "./read-text";
import type { ImportFile, ImportPlan, ImportProblem, PlannedAnnotation, PlannedDocument } from "./types";

/**
 * W3C Web Annotation (lib/export/w3c.ts): an AnnotationCollection (or a page, an array, or one
 * annotation). The label is the `tagging` TextualBody, attributes the `describing` JSON body,
 * the span the TextPositionSelector (code points) checked against the TextQuoteSelector's exact.
 * The format carries no text, so documents are found in the target project: by the sha256 that
 * Tracewell's manifest gives for each target source, else by the document id at the end of the
 * source IRI. The report's `index` is the annotation's position in the collection.
 */

const ZSelector = z.object({ type: z.string() }).passthrough();
const ZBody = z.union([z.string(), z.object({ type: z.string().optional(), purpose: z.string().optional(), value: z.unknown().optional(), format: z.string().optional() })]);
const ZTarget = z.object({
  source: z.string({ error: "target.source must be the document's IRI" }),
  selector: z.union([ZSelector, z.array(ZSelector)]).optional(),
});
const ZAnnotation = z.object({
  id: z.string().optional(),
  type: z.union([z.string(), z.array(z.string())]).optional(),
  body: z.union([ZBody, z.array(ZBody)]).optional(),
  target: z.union([ZTarget, z.array(ZTarget).min(1)], { error: "needs a target with a source" }),
  reviewStatus: ZAnnotationStatus.optional(),
});
const ZManifestDocument = z.object({ id: z.string(), title: z.string().optional(), sha256: z.string(), source: z.string().optional() });

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** The annotations of whatever W3C container the file holds (pages linked by `next` must be embedded). */
function items(root: unknown): unknown[] {
  if (Array.isArray(root)) return root;
  const node = root as { type?: unknown; items?: unknown; first?: unknown; next?: unknown };
  const type = asArray(node?.type as string | string[] | undefined);
  if (type.includes("Annotation")) return [root];
  if (type.includes("AnnotationPage")) return [...asArray(node.items as unknown[]), ...(typeof node.next === "object" ? items(node.next) : [])];
  if (type.includes("AnnotationCollection")) {
    if (typeof node.first !== "object") throw new MalformedFile("the AnnotationCollection does not embed its pages (first is not an object)");
    return items(node.first);
  }
  throw new MalformedFile("not a W3C Web Annotation file: expected an Annotation, AnnotationPage or AnnotationCollection");
}

function lastSegment(iri: string): string {
  const path = iri.split(/[?#]/)[0]!.replace(/\/+$/, "");
  return decodeURIComponent(path.slice(path.lastIndexOf("/") + 1));
}

function readAnnotation(raw: unknown, index: number, ref: (source: string) => string, problems: ImportProblem[]): { source: string; annotation: PlannedAnnotation } | null {
  const parsed = ZAnnotation.safeParse(raw);
  const id = typeof (raw as { id?: unknown })?.id === "string" ? lastSegment((raw as { id: string }).id) : undefined;
  const fail = (document: string | null, message: string) => {
    problems.push({ document, index, ...(id ? { annotationId: id } : {}), message });
    return null;
  };
  if (!parsed.success) return fail(null, `annotation ${index + 1}: ${describeIssues(parsed.error)}`);
  const target = asArray(parsed.data.target)[0]!;
  const document = ref(target.source);
  const selectors = asArray(target.selector);
  const position = selectors.find((s) => s.type === "TextPositionSelector") as { start?: unknown; end?: unknown } | undefined;
  const quote = selectors.find((s) => s.type === "TextQuoteSelector") as { exact?: unknown } | undefined;
  if (!position || typeof position.start !== "number" || typeof position.end !== "number") {
    return fail(document, "needs a TextPositionSelector with numeric start and end");
  }
  const bodies = asArray(parsed.data.body);
  const tag = bodies.find((b) => typeof b === "object" && b.purpose === "tagging" && typeof b.value === "string");
  if (!tag || typeof tag !== "object") return fail(document, "needs a TextualBody with purpose tagging naming its label");
  const describing = bodies.find((b) => typeof b === "object" && b.purpose === "describing" && b.format === "application/json");
  let attributes: Record<string, unknown> = {};
  if (describing && typeof describing === "object") {
    try {
      attributes = JSON.parse(String(describing.value)) as Record<string, unknown>;
      if (typeof attributes !== "object" || attributes === null || Array.isArray(attributes)) throw new Error("not an object");
    } catch {
      return fail(document, "the describing body's value is not a JSON object of attributes");
    }
  }
  return {
    source: target.source,
    annotation: {
      index,
      ...(id ? { sourceId: id } : {}),
      label: tag.value as string,
      start: position.start,
      end: position.end,
      ...(typeof quote?.exact === "string" ? { exact: quote.exact } : {}),
      attributes,
      ...(parsed.data.reviewStatus ? { status: parsed.data.reviewStatus } : {}),
    },
  };
}

export function readW3c({ bytes }: ImportFile): ImportPlan {
  const problems: ImportProblem[] = [];
  let root: unknown;
  try {
    root = JSON.parse(decodeUtf8(bytes));
  } catch (err) {
    if (err instanceof MalformedFile) throw err;
    throw new MalformedFile("the file is not valid JSON (a W3C export is one JSON-LD document; was it cut short?)");
  }
  const manifest = new Map<string, z.infer<typeof ZManifestDocument>>();
  for (const entry of asArray((root as { manifest?: { documents?: unknown[] } })?.manifest?.documents)) {
    const parsed = ZManifestDocument.safeParse(entry);
    if (parsed.success) manifest.set(parsed.data.source ?? parsed.data.id, parsed.data);
  }
  const ref = (source: string) => manifest.get(source)?.title ?? source;
  const documents = new Map<string, PlannedDocument>();
  for (const [position, raw] of items(root).entries()) {
    const read = readAnnotation(raw, position, ref, problems);
    if (!read) continue;
    let document = documents.get(read.source);
    if (!document) {
      const facts = manifest.get(read.source);
      document = { ref: ref(read.source), sourceId: facts?.id ?? lastSegment(read.source), sha256: facts?.sha256, title: facts?.title, metadata: {}, annotations: [] };
      documents.set(read.source, document);
    }
    document.annotations.push(read.annotation);
  }
  return { documents: [...documents.values()], problems };
}
