import { z } from "zod";
import { AppError } from "@/lib/errors";
import { BRAT_ATTRIBUTES, SOURCE_RELATION, bratValue } from "@/lib/export/brat-conf";
import { ingestLimits } from "@/lib/ingest/limits";
import { readZip } from "@/lib/ingest/read-zip";
import { parseNote } from "./brat-note";
import { decodeUtf8, fileProblem, MalformedFile } from "./read-text";
import type { ImportFile, ImportPlan, ImportProblem, PlannedAnnotation, PlannedDocument } from "./types";

/**
 * brat standoff in a zip (lib/export/brat.ts): `name.txt` + `name.ann` pairs, and Tracewell's
 * `manifest.json` beside them when the zip is one of our exports (label names behind the brat
 * types, each document's sha256, id and title). Offsets count code points, as brat's do.
 *
 *   T  a span; fragments `s1 e1;s2 e2` (a span across line breaks) become one span from the
 *      first start to the last end, and each fragment's covered text is checked against the .txt
 *   #  AnnotatorNotes with the attributes (lib/import/brat-note.ts)
 *   A  enumerated attributes; they win over the note where the two disagree (an edit in brat)
 *   R  Claim_source: the claim's source is the entity annotation Arg2
 * Other line kinds (events, normalizations, equivalences) are refused rather than dropped.
 */

const ZManifest = z.object({
  details: z.object({ labelTypes: z.record(z.string(), z.string()).optional() }).passthrough().optional(),
  documents: z.array(z.object({ id: z.string(), title: z.string(), sha256: z.string(), txt: z.string(), ann: z.string() }).passthrough()).optional(),
});

const ATTRIBUTE_BY_NAME = new Map<string, (typeof BRAT_ATTRIBUTES)[number]>(BRAT_ATTRIBUTES.map((a) => [a.name, a]));

interface Span extends PlannedAnnotation {
  tId: string;
  /** Attributes from the A lines, applied over the note's. */
  enumerated: Record<string, unknown>;
}

function parseT(id: string, rest: string, text: string[], labelFor: (type: string) => string): Span {
  const tab = rest.indexOf("\t");
  if (tab === -1) throw new Error("a T line needs a tab before its covered text");
  const [head, covered] = [rest.slice(0, tab), rest.slice(tab + 1)];
  const [type, ...offsetParts] = head.split(" ");
  const fragments = offsetParts.join(" ").split(";").map((f) => f.trim().split(" ").map(Number));
  if (!type || fragments.some((f) => f.length !== 2 || f.some((n) => !Number.isInteger(n)))) throw new Error(`malformed T line offsets "${head}"`);
  const pieces: string[] = [];
  for (const [s, e] of fragments as [number, number][]) {
    if (s < 0 || e < s || e > text.length) throw new Error(`fragment [${s}, ${e}) is outside the text (${text.length} code points)`);
    pieces.push(text.slice(s, e).join(""));
  }
  if (pieces.join(" ") !== covered) {
    throw new Error(`the covered text ${JSON.stringify(covered)} does not match the .txt at ${head.slice(type.length + 1)} (${JSON.stringify(pieces.join(" "))})`);
  }
  return { index: 0, tId: id, sourceId: id, label: labelFor(type), start: fragments[0]![0]!, end: fragments[fragments.length - 1]![1]!, attributes: {}, enumerated: {} };
}

function enumeratedValue(name: string, value: string | undefined): [string, unknown] {
  const attribute = ATTRIBUTE_BY_NAME.get(name);
  if (!attribute) throw new Error(`unknown attribute ${name}`);
  const original = (attribute.values as readonly string[]).find((v) => bratValue(v) === value);
  if (original === undefined) throw new Error(`${name} has no value ${JSON.stringify(value)}`);
  return [attribute.key, attribute.key === "credibility" ? Number(original) : original];
}

/** One .ann file against its text; problems carry the line number. */
function readAnn(ann: string, text: string, ref: string, labelFor: (type: string) => string, problems: ImportProblem[]): PlannedAnnotation[] {
  const cps = [...text];
  const found: { line: number; message: string }[] = [];
  const spans = new Map<string, Span>();
  const later: { line: number; kind: string; id: string; rest: string }[] = [];
  for (const [i, raw] of ann.split("\n").entries()) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") continue;
    const tab = line.indexOf("\t");
    const id = tab === -1 ? line : line.slice(0, tab);
    const rest = tab === -1 ? "" : line.slice(tab + 1);
    try {
      if (id.startsWith("T")) spans.set(id, { ...parseT(id, rest, cps, labelFor), index: spans.size });
      else if (/^[A#R]/.test(id)) later.push({ line: i + 1, kind: id[0]!, id, rest });
      else throw new Error(`${id[0] === "*" ? "equivalence" : id[0] === "E" ? "event" : id[0] === "N" ? "normalization" : `"${id}"`} lines are not imported`);
    } catch (err) {
      found.push({ line: i + 1, message: (err as Error).message });
    }
  }
  const target = (tId: string | undefined) => {
    const span = tId ? spans.get(tId) : undefined;
    if (!span) throw new Error(`${tId ?? "(nothing)"} is not a T annotation of this file`);
    return span;
  };
  for (const { line, kind, rest } of later) {
    try {
      if (kind === "A") {
        const [name, tId, value] = rest.split(" ");
        const [key, typed] = enumeratedValue(name!, value);
        target(tId).enumerated[key] = typed;
      } else if (kind === "#") {
        const [head, note = ""] = [rest.slice(0, rest.indexOf("\t")), rest.slice(rest.indexOf("\t") + 1)];
        const [type, tId] = head.split(" ");
        if (type !== "AnnotatorNotes" || !rest.includes("\t")) throw new Error("only AnnotatorNotes notes are read");
        const span = target(tId);
        span.attributes = parseNote(note);
      } else {
        const match = /^(\S+) Arg1:(\S+) Arg2:(\S+)$/.exec(rest);
        if (!match || match[1] !== SOURCE_RELATION) throw new Error(`only ${SOURCE_RELATION} relations are imported`);
        const claim = target(match[2]);
        target(match[3]);
        claim.enumerated.source = { annotationId: match[3] };
      }
    } catch (err) {
      found.push({ line, message: (err as Error).message });
    }
  }
  for (const { line, message } of found.sort((a, b) => a.line - b.line)) problems.push({ document: ref, index: null, message: `line ${line}: ${message}` });
  return [...spans.values()].map(({ tId: _t, enumerated, attributes, ...span }) => {
    const merged = { ...attributes };
    for (const [key, value] of Object.entries(enumerated)) {
      // The note keeps types (6000, not "6000"): keep its value when the A line says the same.
      if (!(key in merged) || bratValue(merged[key]) !== bratValue(value) || key === "source") merged[key] = value;
    }
    return { ...span, attributes: merged };
  });
}

export async function readBrat({ bytes }: ImportFile): Promise<ImportPlan> {
  let entries;
  try {
    entries = await readZip(bytes, ingestLimits());
  } catch (err) {
    if (err instanceof AppError) throw new MalformedFile(`brat files come as a zip: ${err.message}`);
    throw err;
  }
  const problems: ImportProblem[] = [];
  const files = new Map<string, Uint8Array>();
  for (const entry of entries) {
    if ("error" in entry) problems.push(fileProblem(`${entry.name}: ${entry.error.message}`));
    else files.set(entry.name, entry.bytes);
  }
  const documents: PlannedDocument[] = [];
  const manifests = new Map<string, z.infer<typeof ZManifest>>();
  const dirOf = (name: string) => name.slice(0, name.lastIndexOf("/") + 1);
  for (const [name, content] of files) {
    if (!name.endsWith("/manifest.json") && name !== "manifest.json") continue;
    const parsed = ZManifest.safeParse((() => { try { return JSON.parse(decodeUtf8(content, name)); } catch { return null; } })());
    if (parsed.success) manifests.set(dirOf(name), parsed.data);
    else problems.push(fileProblem(`${name} is not a Tracewell manifest`));
  }
  for (const [name, content] of files) {
    if (!name.endsWith(".txt")) continue;
    const base = name.slice(0, -4);
    const manifest = manifests.get(dirOf(name));
    const types = new Map(Object.entries(manifest?.details?.labelTypes ?? {}).map(([label, type]) => [type, label]));
    const facts = manifest?.documents?.find((d) => dirOf(name) + d.txt === name);
    const ref = `${name.slice(dirOf(name).length)}${facts ? ` (${facts.title})` : ""}`;
    const text = decodeUtf8(content, name);
    const ann = files.get(`${base}.ann`);
    documents.push({
      ref,
      sourceId: facts?.id,
      sha256: facts?.sha256,
      text,
      title: facts?.title ?? base.slice(dirOf(name).length),
      metadata: {},
      annotations: ann ? readAnn(decodeUtf8(ann, `${base}.ann`), text, ref, (type) => types.get(type) ?? type, problems) : [],
    });
  }
  for (const name of files.keys()) {
    if (name.endsWith(".ann") && !files.has(`${name.slice(0, -4)}.txt`)) problems.push(fileProblem(`${name} has no ${name.slice(0, -4)}.txt beside it`));
  }
  if (documents.length === 0 && problems.length === 0) problems.push(fileProblem("the zip holds no .txt documents"));
  return { documents, problems };
}
