import type { ExportFormat } from "@/lib/export/types";

/** What each format is for, in one line (the Export page's choices and the README's list). */
export const FORMAT_CHOICES: { format: ExportFormat; name: string; description: string; importable: boolean }[] = [
  { format: "jsonl", name: "Tracewell JSONL", description: "Lossless: every document's text and metadata with all its annotations. Imports back.", importable: true },
  { format: "w3c", name: "W3C Web Annotation", description: "JSON-LD annotations on the documents' API addresses, with position and quote selectors.", importable: true },
  { format: "brat", name: "brat standoff (zip)", description: "A .txt and .ann per document plus annotation.conf, for brat and the tools that read it.", importable: true },
  { format: "conll", name: "CoNLL BIO", description: "One token per line with its BIO tag, for training sequence labellers (NER).", importable: false },
  { format: "spacy", name: "spaCy JSONL", description: "Text and spans per line, offsets as spaCy's doc.char_span expects them.", importable: true },
  { format: "csv", name: "CSV (zip)", description: "One row per figure or claim: parsed values, attribution, grading and a link to the span.", importable: false },
];
