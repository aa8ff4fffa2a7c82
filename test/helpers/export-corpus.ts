import { createAnnotation } from "@/lib/annotations/create-annotation";
import { updateAnnotation } from "@/lib/annotations/update-annotation";
import { createPastedDocument } from "@/lib/documents/upload-documents";
import type { ExportEvent } from "@/lib/export/types";
import { createLabel } from "@/lib/labels/create-label";
import { createProject } from "@/lib/projects/create-project";

/**
 * A small corpus through the real services, for export and import tests: the texts carry what
 * breaks offsets elsewhere (ZWJ emoji and flags, Arabic with harakat, combining marks, astral CJK,
 * CRLF-origin line ends), and the annotations overlap and carry attributes of every kind.
 */
export const TEXTS = {
  emoji: "Field report 👩‍👩‍👧 from the border 🇦🇫 at dawn: more than 6,000 fighters crossed, the spokesman said.",
  arabic: "قال المتحدث ذَبِيحُ اللّٰهِ مُجَاهِد إن أكثر من 6,000 مقاتل عبروا الحدود.\nوأضاف أن 80 في المائة منهم عادوا.",
  combining: "The cafe\u0301 in Kandahar 𠀋 reopened; e\u0301te\u0301 markets saw between 2,500 and 8,500 visitors.",
  crlf: "Line one of a Windows note.\r\nThe governor said 400 families returned.\r\n\r\nLast line.",
} as const;

/** Canonical form of a fixture text (what the database stores). */
export const canonical = (text: string) => text.replace(/\r\n?/g, "\n");

const cps = (s: string) => [...s];

/** Code-point span of the first `needle` in the canonical text. */
export function spanOf(text: string, needle: string): { start: number; end: number } {
  const t = canonical(text);
  const unit = t.indexOf(needle);
  if (unit < 0) throw new Error(`fixture: ${JSON.stringify(needle)} not in text`);
  const start = cps(t.slice(0, unit)).length;
  return { start, end: start + cps(needle).length };
}

export interface SeededCorpus {
  projectId: string;
  documents: Record<keyof typeof TEXTS, string>;
  annotationCount: number;
}

/** The custom labels every round trip needs in the target project too. */
export const CUSTOM_LABELS = [{ name: "Location note", kind: "other", color: "#7c3aed", hotkey: "4", description: "Free-form place notes" }] as const;

export async function createLabels(actorId: string, projectId: string): Promise<void> {
  for (const label of CUSTOM_LABELS) await createLabel({ actorId, projectId, input: label });
}

export async function seedCorpus({ actorId, name = "Export corpus" }: { actorId: string; name?: string }): Promise<SeededCorpus> {
  const projectId = (await createProject({ actorId, input: { name } })).id;
  await createLabels(actorId, projectId);
  const documents = {} as Record<keyof typeof TEXTS, string>;
  let annotationCount = 0;
  for (const [key, text] of Object.entries(TEXTS) as [keyof typeof TEXTS, string][]) {
    const { document } = await createPastedDocument({ actorId, projectId, input: { title: `Fixture ${key}`, text, metadata: { language: key === "arabic" ? "ar" : "en" } } });
    documents[key] = document.id;
  }
  const annotate = async (key: keyof typeof TEXTS, needle: string, label: string, attributes?: Record<string, unknown>) => {
    annotationCount++;
    return createAnnotation({ actorId, documentId: documents[key], input: { label, ...spanOf(TEXTS[key], needle), exact: needle, attributes } });
  };

  // Overlapping spans: the claim covers the figure and the entity inside it; the family emoji alone.
  const spokesman = await annotate("emoji", "the spokesman", "Entity", { type: "person" });
  await annotate("emoji", "more than 6,000 fighters crossed, the spokesman said", "Claim", {
    source: { annotationId: spokesman.id },
    reporting: "reported",
    reliability: "B",
    credibility: 2,
  });
  const figure = await annotate("emoji", "more than 6,000 fighters", "Figure", { value: 6000, qualifier: "more than", unit: "fighters" });
  await annotate("emoji", "👩‍👩‍👧", "Location note", { note: "family emoji (ZWJ sequence)", confidence: 0.5, checked: true });
  await annotate("emoji", "🇦🇫", "Entity", { type: "location", canonicalName: "Afghanistan" });
  await updateAnnotation({
    actorId,
    access: { projectId, role: "owner", annotationId: figure.id, documentId: documents.emoji },
    input: { version: 1, status: "accepted" },
  });

  await annotate("arabic", "ذَبِيحُ اللّٰهِ مُجَاهِد", "Entity", { type: "person" });
  await annotate("arabic", "المتحدث ذَبِيحُ اللّٰهِ", "Claim", { source: { text: "the Taliban spokesman" }, reporting: "asserted" });
  await annotate("arabic", "أكثر من 6,000 مقاتل", "Figure", {});
  await annotate("arabic", "80 في المائة", "Figure", { value: 80, unit: "%" });

  await annotate("combining", "cafe\u0301", "Location note", { note: "combining acute" });
  await annotate("combining", "𠀋", "Entity", { type: "other" });
  await annotate("combining", "between 2,500 and 8,500 visitors", "Figure", { low: 2500, high: 8500, qualifier: "range", unit: "visitors", asOf: "2024-05-31" });
  const rejected = await annotate("combining", "e\u0301te\u0301 markets", "Location note", {});
  await updateAnnotation({
    actorId,
    access: { projectId, role: "owner", annotationId: rejected.id, documentId: documents.combining },
    input: { version: 1, status: "rejected", reason: "Not a location" },
  });

  await annotate("crlf", "400 families", "Figure", { value: 400, unit: "families" });
  await annotate("crlf", "The governor said 400 families returned.\n\nLast", "Claim", { reporting: "alleged", note: "spans a blank line" });
  return { projectId, documents, annotationCount };
}

/** Collects an export event stream. */
export async function collect(events: AsyncIterable<ExportEvent>): Promise<ExportEvent[]> {
  const out: ExportEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

/** Reads a byte stream to its end. */
export async function readAll(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}
