import { codePointLength, utf16ToCodePoint } from "@/lib/text/code-points";
import { sha256Hex } from "@/lib/text/hash";
import { quoteSelector } from "@/lib/text/quote";
import { annotationSetHash } from "@/lib/reviews/annotation-set-hash";
import type { ExportAnnotation, ExportContext, ExportDocument, ExportEvent, ExportLabel, ExportReview, ExportWriter } from "@/lib/export/types";

/**
 * A small corpus with the standard hard cases (STYLE.md convention 1): a ZWJ family, a flag, a
 * skin tone and a keycap; Arabic with harakat and Arabic-Indic digits; a decomposed combining
 * accent; an astral CJK character; CRLF-origin text (already canonical, so LF); nested, crossing
 * and coinciding spans; a span over a line break, one of line breaks only, one inside a word;
 * figure, claim, entity and project-defined attributes; a document without annotations. Review
 * (issue 14): one document in progress, one signed off, one not started; reviews on some
 * annotations, one of them older than the annotation's version (a later change made it pending).
 */

export const LABELS = {
  claim: { id: "lbl-claim", name: "Claim", kind: "claim", color: "#dc2626", hotkey: "c", description: "Something someone asserts" },
  actor: { id: "lbl-actor", name: "Actor", kind: "entity", color: "#2563eb", hotkey: "a", description: "" },
  figure: { id: "lbl-figure", name: "Casualty figure", kind: "figure", color: "#16a34a", hotkey: "f", description: "A number of people" },
  place: { id: "lbl-place", name: "موقع <place>", kind: "other", color: "#9333ea", hotkey: null, description: "Arabic label name" },
} satisfies Record<string, ExportLabel>;

const AMINA = { id: "usr-amina", name: "Amina Haddad", email: "amina@example.org" };
const JON = { id: "usr-jon", name: "Jon O'Neil", email: "jon@example.org" };

export const CONTEXT: ExportContext = {
  project: { id: "prj-borderlands", name: "Borderlands Monitor" },
  labels: Object.values(LABELS),
  filters: { statuses: ["pending", "accepted"], q: "border" },
  apiBaseUrl: "https://tracewell.example/api/v1/",
  tracewellVersion: "0.1.0-test",
  now: () => new Date("2024-06-01T12:34:56.789Z"),
};

const EMPTY_METADATA: ExportDocument["metadata"] = {
  author: null, publisher: null, publishedOn: null, sourceUrl: null, retrievedOn: null, language: null, direction: null,
};

function document(
  id: string,
  title: string,
  text: string,
  metadata: Partial<ExportDocument["metadata"]> = {},
  state: ExportDocument["state"] = "not_started",
): ExportDocument {
  return {
    id,
    title,
    metadata: { ...EMPTY_METADATA, ...metadata },
    sha256: sha256Hex(text),
    length: codePointLength(text),
    text,
    original: { filename: `${id}.txt`, mediaType: "text/plain", sha256: sha256Hex(`${text} (original)`), size: 123 },
    createdAt: new Date("2024-05-31T08:00:00.000Z"),
    state,
    signOff: null,
  };
}

function review(decision: ExportReview["decision"], version: number, at: string, reason: string | null = null): ExportReview {
  return { decision, reason, reviewer: { id: JON.id, name: JON.name }, at: new Date(at), version };
}

/** The code-point range of the `occurrence`-th `needle` in `text`. */
export function at(text: string, needle: string, occurrence = 0): { start: number; end: number } {
  let from = -1;
  for (let k = 0; k <= occurrence; k++) {
    from = text.indexOf(needle, from + 1);
    if (from < 0) throw new Error(`${JSON.stringify(needle)} #${occurrence} not in the text`);
  }
  const start = utf16ToCodePoint(text, from);
  return { start, end: start + codePointLength(needle) };
}

let minute = 0;
function annotation(
  doc: ExportDocument,
  id: string,
  label: ExportLabel,
  range: { start: number; end: number },
  attributes: Record<string, unknown> = {},
  extra: Partial<ExportAnnotation> = {},
): ExportAnnotation {
  const quote = quoteSelector(doc.text, range.start, range.end);
  const created = new Date(Date.UTC(2024, 4, 31, 9, minute++));
  return {
    id,
    documentId: doc.id,
    label,
    ...range,
    ...quote,
    attributes,
    status: "accepted",
    version: 1,
    author: AMINA,
    createdAt: created,
    updatedAt: created,
    review: null,
    ...extra,
  };
}

const TEXT_1 =
  "Kabul, 31 May 2024 — Officials said more than 6,000 fighters 👩‍👩‍👧 crossed the border 🇦🇫.\n" +
  "The Ministry of Defence\nreported between 2,500 and 8,500 civilians fled.\n\nNo other figures were given.";
const TEXT_2 = "قال مُحَمَّد إنّ ٣٠٠ مقاتل عبروا الحدود.\nCafe\u0301 naïve 𠀋 👍🏽 1️⃣ done.";
const TEXT_3 = "Nothing annotated here.\n";

export function corpus(): { document: ExportDocument; annotations: ExportAnnotation[] }[] {
  minute = 0;
  const d1 = document("doc-kabul-1", 'Kabul report: "more than 6,000" fighters', TEXT_1, { language: "en", sourceUrl: "https://news.example/kabul" }, "in_progress");
  const d2 = document("doc-ar-2", "تقرير الدفاع", TEXT_2, { language: "ar", direction: "rtl" }, "signed_off");
  const d3 = document("doc-empty-3", "Empty notes", TEXT_3);
  const t = TEXT_1;
  const a1 = annotation(d1, "ann-01", LABELS.actor, at(t, "Officials"), { type: "person" });
  const a4 = annotation(d1, "ann-04", LABELS.actor, at(t, "The Ministry of Defence"), { type: "organization", canonicalName: "Ministry of Defence" });
  const docs = [
    {
      document: d1,
      annotations: [
        a1,
        annotation(d1, "ann-02", LABELS.claim, { start: at(t, "Officials").start, end: at(t, "🇦🇫").end }, {
          source: { annotationId: a1.id },
          reporting: "reported",
          reliability: "B",
          credibility: 2,
          note: 'Says "more than"; check = source\nsecond line',
        }),
        annotation(d1, "ann-03", LABELS.figure, at(t, "more than 6,000 fighters"), { value: 6000, qualifier: "more than", unit: "fighters", parsed: true }),
        annotation(d1, "ann-03b", LABELS.actor, at(t, "fighters"), { type: "armed_group" }, {
          status: "pending", author: JON, version: 3, updatedAt: new Date("2024-06-01T10:00:00.000Z"), review: review("accept", 2, "2024-06-01T09:30:00.000Z"),
        }),
        annotation(d1, "ann-05", LABELS.place, at(t, "👩‍👩‍👧"), {}),
        annotation(d1, "ann-06", LABELS.place, at(t, "🇦🇫"), { confidence: "low", checked: false, "free text": "6000", weight: -1.5 }),
        annotation(d1, "ann-07", LABELS.place, at(t, "Kabu"), { confidence: "high" }),
        a4,
        annotation(d1, "ann-08", LABELS.claim, { start: at(t, "Ministry of Defence").start, end: at(t, "civilians fled").end }, {
          source: { text: "=Ministry of Defence" },
          reporting: "alleged",
        }, { author: JON }),
        annotation(d1, "ann-09", LABELS.figure, at(t, "between 2,500 and 8,500 civilians"), {
          low: 2500, high: 8500, qualifier: "range", unit: "civilians", asOf: "2024-05-31",
        }),
        annotation(d1, "ann-09b", LABELS.actor, at(t, "between 2,500 and 8,500 civilians"), { type: "other" }),
        annotation(d1, "ann-10", LABELS.place, at(t, "\n\n"), {}),
        annotation(d1, "ann-11", LABELS.place, at(t, "fled.\n"), {}),
      ],
    },
    {
      document: d2,
      annotations: [
        annotation(d2, "ann-21", LABELS.actor, at(TEXT_2, "مُحَمَّد"), { type: "person" }),
        annotation(d2, "ann-22", LABELS.figure, at(TEXT_2, "٣٠٠ مقاتل"), { value: 300, qualifier: "exact", unit: "مقاتل" }, { version: 2, review: review("accept", 2, "2024-06-01T10:30:00.000Z") }),
        annotation(d2, "ann-23", LABELS.claim, at(TEXT_2, "قال مُحَمَّد إنّ ٣٠٠ مقاتل عبروا الحدود"), { source: { annotationId: "ann-21" }, reporting: "asserted", credibility: 3 }),
        annotation(d2, "ann-24", LABELS.place, at(TEXT_2, "Cafe\u0301"), {}),
        annotation(d2, "ann-25", LABELS.actor, at(TEXT_2, "𠀋"), {}),
        annotation(d2, "ann-26", LABELS.place, at(TEXT_2, "👍🏽 1️⃣"), {}),
        annotation(d2, "ann-27", LABELS.claim, at(TEXT_2, "done"), { source: { annotationId: "ann-not-exported" }, reporting: "denied" }, {
          status: "rejected", version: 2, review: review("reject", 2, "2024-06-01T10:31:00.000Z", '=not a claim: "done" is a word\nsee ann-21'),
        }),
      ],
    },
    { document: d3, annotations: [] },
  ];
  for (const doc of docs) doc.annotations.sort((x, y) => x.start - y.start || x.end - y.end || (x.id < y.id ? -1 : 1));
  const signed = docs[1]!.annotations;
  d2.signOff = {
    id: "sgn-ar-2",
    signer: { id: JON.id, name: JON.name },
    at: new Date("2024-06-01T11:00:00.000Z"),
    annotationSetHash: annotationSetHash(signed),
    accepted: signed.filter((a) => a.status === "accepted").length,
    rejected: signed.filter((a) => a.status === "rejected").length,
  };
  return docs;
}

export async function* events(docs = corpus()): AsyncGenerator<ExportEvent> {
  for (const { document, annotations } of docs) {
    yield { type: "document", document };
    for (const annotation of annotations) yield { type: "annotation", annotation };
  }
}

export async function collect(writer: ExportWriter, context: ExportContext = CONTEXT, source = events()): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of writer.write(source, context)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
