import { z } from "zod";
import { ZAnnotationStatus } from "@/lib/annotations/shape";
import type { ImportProblem, PlannedAnnotation } from "./types";

/** Helpers the readers share: decoding, JSON lines, and zod issues worded for the report. */

export class MalformedFile extends Error {}

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** The file as UTF-8 text (a leading BOM dropped); anything else is malformed. */
export function decodeUtf8(bytes: Uint8Array, what = "the file"): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new MalformedFile(`${what} is not valid UTF-8`);
  }
}

export type JsonLine = { line: number; value: unknown } | { line: number; error: string };

/** Non-blank lines of a JSON Lines file, each parsed on its own (1-based line numbers). */
export function jsonLines(text: string): JsonLine[] {
  const out: JsonLine[] = [];
  const lines = text.split("\n");
  for (const [i, raw] of lines.entries()) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") continue;
    try {
      out.push({ line: i + 1, value: JSON.parse(line) });
    } catch {
      out.push({ line: i + 1, error: `line ${i + 1} is not valid JSON` });
    }
  }
  return out;
}

export function describeIssues(error: z.ZodError, prefix = ""): string {
  return error.issues
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join("; ");
}

export function fileProblem(message: string): ImportProblem {
  return { document: null, index: null, message };
}

export const ZAttributes = z.record(z.string(), z.unknown());

/** An annotation as JSONL and spaCy files carry it (extra keys are ignored). */
export const ZSpan = z.object({
  id: z.string().min(1).optional(),
  label: z.string().min(1, "needs a label"),
  start: z.number({ error: "start must be a number of code points" }),
  end: z.number({ error: "end must be a number of code points" }),
  exact: z.string().optional(),
  kind: z.string().optional(),
  attributes: ZAttributes.nullish().transform((value) => value ?? {}),
  status: ZAnnotationStatus.optional(),
});

/** The annotations array of a record, each checked on its own so one bad entry names itself. */
export function readSpans(spans: unknown[], document: string, problems: ImportProblem[]): PlannedAnnotation[] {
  const out: PlannedAnnotation[] = [];
  for (const [index, raw] of spans.entries()) {
    const parsed = ZSpan.safeParse(raw);
    if (parsed.success) {
      const { id, ...span } = parsed.data;
      out.push({ index, ...(id ? { sourceId: id } : {}), ...span });
    }
    else {
      const id = typeof (raw as { id?: unknown })?.id === "string" ? (raw as { id: string }).id : undefined;
      problems.push({ document, index, ...(id ? { annotationId: id } : {}), message: describeIssues(parsed.error) });
    }
  }
  return out;
}
