import { ZodError } from "zod";
import { parseAttributes } from "@/lib/annotations/attributes";
import { canonicalJson } from "@/lib/audit/hash";
import { loadDocumentText } from "@/lib/annotations/document-text";
import { quoteSpan, type QuotedSpan } from "@/lib/annotations/quote-span";
import type { AnnotationFields, NewAnnotation } from "@/lib/annotations/write-annotations";
import { db } from "@/lib/db/client";
import { ZDocumentMetadata, type DocumentMetadata } from "@/lib/documents/schemas";
import { AppError } from "@/lib/errors";
import { ingestPastedText, type IngestOk } from "@/lib/ingest/ingest-file";
import { ingestLimits } from "@/lib/ingest/limits";
import { canonicalize } from "@/lib/text/canonical";
import { CodePointIndex } from "@/lib/text/code-points";
import { sha256Hex } from "@/lib/text/hash";
import { newId } from "./new-id";
import { describeIssues } from "./read-text";
import type { ImportFormat, ImportPlan, ImportProblem, PlannedAnnotation, PlannedDocument } from "./types";

/**
 * Checks an import plan against the target project before anything is written, and resolves it
 * into rows: each document matched to the project's document with the same sha256 (or, for W3C,
 * the same id) or prepared for creation through the upload path; each label matched by name
 * (exact, else in any case when that is unambiguous) — unknown labels are refused, never created;
 * each span checked against the text (range, and `exact` equal to the code-point slice) with its
 * prefix/suffix taken from the text; attributes checked for the label's kind, as stored (a figure
 * is not re-parsed from its span: the file is the record); a claim's source re-pointed to the new
 * id of the entity imported beside it. An annotation the matched document already has (same label,
 * range and attributes) is left out and counted as already present, so importing a file twice
 * adds nothing the second time.
 */

type LabelRow = NewAnnotation["label"];

/** What the writer will store, with the id and status the import decided. */
export type VerifiedAnnotation = Omit<NewAnnotation, "id" | "documentId" | "status"> & Pick<AnnotationFields, "status"> & { id: string };

export type DocumentTarget = { kind: "existing"; id: string } | { kind: "new"; ingested: IngestOk; metadata: DocumentMetadata };

export interface VerifiedDocument {
  ref: string;
  sha256: string;
  target: DocumentTarget;
  /** What to insert. */
  annotations: VerifiedAnnotation[];
  /** Ids of the stored annotations that the file's other annotations turned out to be. */
  present: string[];
}

type Row = VerifiedAnnotation & { planned: PlannedAnnotation };

/** What makes an imported annotation the same as a stored one: label, range and attributes. */
function contentKey(labelId: string, start: number, end: number, attributes: unknown): string {
  return `${labelId}\u0000${start}\u0000${end}\u0000${canonicalJson(attributes)}`;
}

const METADATA_KEYS = ["author", "publisher", "publishedOn", "sourceUrl", "retrievedOn", "language", "direction"] as const;

function labelResolver(labels: LabelRow[]) {
  const byName = new Map(labels.map((l) => [l.name, l]));
  const byLower = new Map<string, LabelRow[]>();
  for (const label of labels) byLower.set(label.name.toLowerCase(), [...(byLower.get(label.name.toLowerCase()) ?? []), label]);
  return (name: string): LabelRow | undefined => {
    const candidates = byLower.get(name.toLowerCase());
    return byName.get(name) ?? (candidates?.length === 1 ? candidates[0] : undefined);
  };
}

function messageOf(err: unknown): string {
  if (err instanceof ZodError) return describeIssues(err);
  if (err instanceof AppError) return err.message;
  throw err;
}

class Verifier {
  readonly problems: ImportProblem[] = [];
  readonly documents: VerifiedDocument[] = [];
  private readonly unknownLabels = new Set<string>();
  /** New documents by sha256: a text the file holds twice is created once. */
  private readonly created = new Map<string, DocumentTarget>();

  constructor(
    private readonly format: ImportFormat,
    private readonly filename: string,
    private readonly label: (name: string) => LabelRow | undefined,
    private readonly labelNames: string[],
    private readonly existing: { bySha: Map<string, string>; byId: Set<string> },
  ) {}

  problem(document: PlannedDocument | null, index: number | null, message: string, annotationId?: string): void {
    this.problems.push({ document: document?.ref ?? null, index, ...(annotationId ? { annotationId } : {}), message });
  }

  async document(planned: PlannedDocument): Promise<void> {
    const resolved = planned.text === undefined ? await this.existingOnly(planned) : this.withText(planned, planned.text);
    if (!resolved) return;
    const rows = await this.annotations(planned, resolved.text, resolved.target);
    const { fresh, present } = resolved.target.kind === "existing" ? await alreadyPresent(resolved.target.id, rows) : { fresh: rows, present: [] };
    const annotations = fresh.map(({ planned: _planned, ...row }) => row);
    this.documents.push({ ref: planned.ref, sha256: resolved.sha256, target: resolved.target, annotations, present });
  }

  private withText(planned: PlannedDocument, text: string) {
    if (canonicalize(text) !== text) {
      this.problem(planned, null, "the text is not canonical (it has a byte order mark or CR line ends), so its offsets cannot be trusted");
      return null;
    }
    const sha256 = sha256Hex(text);
    if (planned.sha256 !== undefined && planned.sha256 !== sha256) {
      this.problem(planned, null, `the text does not match its sha256 (${planned.sha256}): it was changed after export`);
      return null;
    }
    const index = new CodePointIndex(text);
    const existing = this.existing.bySha.get(sha256);
    if (existing) return { sha256, text: index, target: { kind: "existing", id: existing } as const };
    const again = this.created.get(sha256);
    if (again) return { sha256, text: index, target: again };
    const target = this.newDocument(planned, text);
    if (!target) return null;
    this.created.set(sha256, target);
    return { sha256, text: index, target };
  }

  private newDocument(planned: PlannedDocument, text: string): DocumentTarget | null {
    const given = Object.fromEntries(METADATA_KEYS.filter((k) => planned.metadata[k] != null).map((k) => [k, planned.metadata[k]]));
    const metadata = ZDocumentMetadata.safeParse(given);
    if (!metadata.success) {
      this.problem(planned, null, `metadata: ${describeIssues(metadata.error)}`);
      return null;
    }
    const ingested = ingestPastedText({ title: planned.title, text, limits: ingestLimits() });
    if (!ingested.ok) {
      this.problem(planned, null, `the text cannot be stored: ${ingested.error.message}`);
      return null;
    }
    const source = `${this.filename}${planned.sourceId ? `#${planned.sourceId}` : ""}`;
    return {
      kind: "new",
      metadata: metadata.data,
      ingested: {
        ...ingested,
        original: { ...ingested.original, filename: source },
        extraction: { method: "import", recipe: `text of a Tracewell ${this.format} import (${source}), taken as canonical` },
      },
    };
  }

  private async existingOnly(planned: PlannedDocument) {
    const id =
      (planned.sha256 !== undefined ? this.existing.bySha.get(planned.sha256) : undefined) ??
      (planned.sourceId !== undefined && this.existing.byId.has(planned.sourceId) ? planned.sourceId : undefined);
    if (!id) {
      this.problem(planned, null, `no document of this project has ${planned.sha256 ? `sha256 ${planned.sha256}` : `id ${planned.sourceId ?? "(none given)"}`}: this format carries no text, so upload the document (or import a JSONL, brat or spaCy export) first`);
      return null;
    }
    const { text } = await loadDocumentText({ documentId: id });
    return { sha256: sha256Hex(text.text), text, target: { kind: "existing", id } as const };
  }

  private async annotations(planned: PlannedDocument, text: CodePointIndex, target: DocumentTarget): Promise<Row[]> {
    const out: Row[] = [];
    const ids = new Map<string, VerifiedAnnotation>();
    for (const annotation of planned.annotations) {
      // Every check runs, so the report names all of an annotation's problems at once.
      let ok = true;
      const fail = (message: string) => {
        ok = false;
        this.problem(planned, annotation.index, message, annotation.sourceId);
      };
      const label = this.label(annotation.label);
      if (!label) {
        this.unknownLabels.add(annotation.label);
        fail(`unknown label ${JSON.stringify(annotation.label)}`);
      } else if (annotation.kind !== undefined && annotation.kind !== label.kind) {
        fail(`label ${JSON.stringify(label.name)} is a ${label.kind} label in this project, but ${annotation.kind} in the file`);
      }
      let span: QuotedSpan | null = null;
      let attributes: Record<string, unknown> = {};
      try {
        span = quoteSpan({ text, start: annotation.start, end: annotation.end, exact: annotation.exact });
      } catch (err) {
        fail(messageOf(err));
      }
      try {
        if (label) attributes = parseAttributes(label.kind, annotation.attributes);
      } catch (err) {
        fail(messageOf(err));
      }
      if (!ok || !label || !span) continue;
      const row = { id: newId(), label, ...span, attributes, status: annotation.status ?? "pending", planned: annotation };
      out.push(row);
      if (annotation.sourceId) ids.set(annotation.sourceId, row);
    }
    await this.claimSources(planned, out, ids, target);
    return out;
  }

  /** A claim cites its source entity by id: the entity imported with it, or one already in the document. */
  private async claimSources(planned: PlannedDocument, rows: Row[], ids: Map<string, VerifiedAnnotation>, target: DocumentTarget) {
    for (const row of rows) {
      const source = row.attributes.source as { annotationId?: string } | undefined;
      if (row.label.kind !== "claim" || !source?.annotationId) continue;
      const fail = (message: string) => this.problem(planned, row.planned.index, message, row.planned.sourceId);
      const imported = ids.get(source.annotationId);
      if (imported) {
        if (imported.label.kind !== "entity") fail(`the claim's source ${source.annotationId} is a ${imported.label.kind} annotation, not an entity`);
        else row.attributes = { ...row.attributes, source: { annotationId: imported.id } };
        continue;
      }
      const stored =
        target.kind === "existing"
          ? await db().annotation.findFirst({ where: { id: source.annotationId, documentId: target.id, deletedAt: null }, select: { label: { select: { kind: true } } } })
          : null;
      if (stored?.label.kind !== "entity") fail(`the claim's source ${source.annotationId} is neither an entity annotation in this import nor one of the document's`);
    }
  }

  finish(): void {
    if (this.unknownLabels.size === 0) return;
    const known = this.labelNames.length ? `this project's labels are ${this.labelNames.join(", ")}` : "this project has no labels";
    const unknown = [...this.unknownLabels].map((n) => JSON.stringify(n)).join(", ");
    this.problems.unshift({ document: null, index: null, message: `unknown labels ${unknown} (${known}); an owner can add them on the project page, then import again` });
  }
}

/**
 * Splits a matched document's verified rows into those to insert and those it already has. Each
 * stored annotation stands for at most one row, so a file with two identical annotations over a
 * document with one still adds one. Entities and figures go first: a claim citing a re-imported
 * entity then cites the stored one, and is compared with that.
 */
async function alreadyPresent(documentId: string, rows: Row[]): Promise<{ fresh: Row[]; present: string[] }> {
  if (rows.length === 0) return { fresh: rows, present: [] };
  const stored = await db().annotation.findMany({ where: { documentId, deletedAt: null }, select: { id: true, labelId: true, start: true, end: true, attributes: true } });
  if (stored.length === 0) return { fresh: rows, present: [] };
  const unclaimed = new Map<string, string[]>();
  for (const a of stored) {
    const key = contentKey(a.labelId, a.start, a.end, a.attributes);
    unclaimed.set(key, [...(unclaimed.get(key) ?? []), a.id]);
  }
  const storedAs = new Map<string, string>();
  const match = (row: Row) => {
    const id = unclaimed.get(contentKey(row.label.id, row.start, row.end, row.attributes))?.shift();
    if (id) storedAs.set(row.id, id);
  };
  for (const row of rows) if (row.label.kind !== "claim") match(row);
  for (const row of rows) {
    if (row.label.kind !== "claim") continue;
    const source = row.attributes.source as { annotationId?: string } | undefined;
    const cited = source?.annotationId ? storedAs.get(source.annotationId) : undefined;
    if (cited) row.attributes = { ...row.attributes, source: { ...source, annotationId: cited } };
    match(row);
  }
  return { fresh: rows.filter((row) => !storedAs.has(row.id)), present: [...storedAs.values()] };
}

export async function verifyPlan({
  projectId,
  format,
  filename,
  plan,
}: {
  projectId: string;
  format: ImportFormat;
  filename: string;
  plan: ImportPlan;
}): Promise<{ documents: VerifiedDocument[]; problems: ImportProblem[] }> {
  const labels = await db().label.findMany({ where: { projectId }, select: { id: true, name: true, kind: true }, orderBy: { name: "asc" } });
  const shas = plan.documents.map((d) => d.sha256 ?? (d.text !== undefined ? sha256Hex(d.text) : null)).filter((s): s is string => s !== null);
  const sourceIds = plan.documents.filter((d) => d.text === undefined && d.sourceId).map((d) => d.sourceId!);
  const [bySha, byId] = await Promise.all([
    db().document.findMany({ where: { projectId, sha256: { in: shas } }, select: { id: true, sha256: true } }),
    db().document.findMany({ where: { projectId, id: { in: sourceIds } }, select: { id: true } }),
  ]);
  const verifier = new Verifier(format, filename, labelResolver(labels), labels.map((l) => l.name), {
    bySha: new Map(bySha.map((d) => [d.sha256, d.id])),
    byId: new Set(byId.map((d) => d.id)),
  });
  for (const document of plan.documents) await verifier.document(document);
  verifier.finish();
  return { documents: verifier.documents, problems: verifier.problems };
}
