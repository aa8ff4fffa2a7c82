import { z } from "zod";
import { decodeUtf8, describeIssues, fileProblem, jsonLines, readSpans } from "./read-text";
import type { ImportFile, ImportPlan } from "./types";

/**
 * spaCy-style JSONL (lib/export/spacy.ts): `{ text, spans: [{ start, end, label, id?,
 * attributes? }], meta }` per line, code-point offsets. Tracewell's own files open with a
 * `tracewell_manifest` line and end with `tracewell_end`; when the manifest is there the end line
 * must be too (a file cut short is refused). Files from other tools have neither, and may name
 * their spans `ents`. spaCy carries no review status: spans come in as pending.
 */

const ZRecord = z.object({
  text: z.string(),
  spans: z.array(z.unknown()).optional(),
  ents: z.array(z.unknown()).optional(),
  meta: z
    .object({ id: z.string().optional(), title: z.string().optional(), sha256: z.string().optional(), language: z.string().nullish() })
    .passthrough()
    .nullish(),
});

export function readSpacy({ bytes }: ImportFile): ImportPlan {
  const plan: ImportPlan = { documents: [], problems: [] };
  const lines = jsonLines(decodeUtf8(bytes));
  let manifest = false;
  type End = { documents?: unknown; annotations?: unknown };
  let end: End | null = null;
  let spans = 0;
  for (const entry of lines) {
    if ("error" in entry) {
      plan.problems.push(fileProblem(entry.error));
      continue;
    }
    const value = entry.value as Record<string, unknown> | null;
    if (value && typeof value === "object" && "tracewell_manifest" in value) {
      manifest = true;
      continue;
    }
    if (value && typeof value === "object" && "tracewell_end" in value) {
      end = (value.tracewell_end ?? {}) as End;
      continue;
    }
    const parsed = ZRecord.safeParse(value);
    if (!parsed.success) {
      plan.problems.push(fileProblem(`line ${entry.line}: ${describeIssues(parsed.error)}`));
      continue;
    }
    const { text, meta } = parsed.data;
    const list = parsed.data.spans ?? parsed.data.ents ?? [];
    spans += list.length;
    const ref = `line ${entry.line}${meta?.title ? ` (${meta.title})` : ""}`;
    plan.documents.push({
      ref,
      sourceId: meta?.id,
      sha256: meta?.sha256,
      text,
      title: meta?.title,
      metadata: meta?.language ? { language: meta.language } : {},
      annotations: readSpans(list, ref, plan.problems).map(({ status: _status, ...span }) => span),
    });
  }
  if (lines.length === 0) plan.problems.push(fileProblem("the file is empty"));
  if (manifest && !end) plan.problems.push(fileProblem("the file has no tracewell_end line: the export was cut short"));
  if (end && (end.documents !== plan.documents.length || end.annotations !== spans)) {
    plan.problems.push(fileProblem(`the tracewell_end line counts ${String(end.documents)} documents and ${String(end.annotations)} spans, the file holds ${plan.documents.length} and ${spans}`));
  }
  return plan;
}
