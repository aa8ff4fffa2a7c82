import { z } from "zod";
import { decodeUtf8, describeIssues, fileProblem, jsonLines, readSpans } from "./read-text";
import type { ImportFile, ImportPlan, PlannedDocument } from "./types";

/**
 * Tracewell JSONL (lib/export/jsonl.ts): a manifest line, one line per document with its text and
 * annotations, and an end line whose counts prove the file is whole. A file cut short (no end
 * line, or counts that disagree) is refused: importing part of an export would look complete.
 */

const ZDocumentLine = z.object({
  type: z.literal("document"),
  id: z.string().optional(),
  title: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  sha256: z.string().optional(),
  text: z.string({ error: "a document needs its text" }),
  annotations: z.array(z.unknown(), { error: "annotations must be a list" }),
});

const ZEndLine = z.object({ type: z.literal("end"), documents: z.number(), annotations: z.number() });

export function readJsonl({ bytes }: ImportFile): ImportPlan {
  const plan: ImportPlan = { documents: [], problems: [] };
  const lines = jsonLines(decodeUtf8(bytes));
  let end: z.infer<typeof ZEndLine> | null = null;
  let annotations = 0;
  for (const entry of lines) {
    if ("error" in entry) {
      plan.problems.push(fileProblem(entry.error));
      continue;
    }
    const type = (entry.value as { type?: unknown } | null)?.type;
    if (end) plan.problems.push(fileProblem(`line ${entry.line} comes after the end line`));
    if (type === "manifest") continue;
    if (type === "end") {
      const parsed = ZEndLine.safeParse(entry.value);
      if (parsed.success) end = parsed.data;
      else plan.problems.push(fileProblem(`line ${entry.line}: ${describeIssues(parsed.error)}`));
      continue;
    }
    const parsed = ZDocumentLine.safeParse(entry.value);
    if (!parsed.success) {
      plan.problems.push(fileProblem(`line ${entry.line}: ${type === undefined ? "not a Tracewell JSONL record (no type)" : describeIssues(parsed.error)}`));
      continue;
    }
    const record = parsed.data;
    const ref = `line ${entry.line}${record.title ? ` (${record.title})` : ""}`;
    annotations += record.annotations.length;
    const document: PlannedDocument = {
      ref,
      sourceId: record.id,
      sha256: record.sha256,
      text: record.text,
      title: record.title,
      metadata: record.metadata ?? {},
      annotations: readSpans(record.annotations, ref, plan.problems),
    };
    plan.documents.push(document);
  }
  if (lines.length === 0) plan.problems.push(fileProblem("the file is empty"));
  else if (!end) plan.problems.push(fileProblem("the file has no end line: the export was cut short"));
  else if (end.documents !== plan.documents.length || end.annotations !== annotations) {
    plan.problems.push(
      fileProblem(`the end line counts ${end.documents} documents and ${end.annotations} annotations, the file holds ${plan.documents.length} and ${annotations}`),
    );
  }
  return plan;
}
