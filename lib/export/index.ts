import { bratWriter } from "./brat";
import { conllWriter } from "./conll";
import { csvWriter } from "./csv";
import { jsonlWriter } from "./jsonl";
import { spacyWriter } from "./spacy";
import type { ExportFormat, ExportWriter } from "./types";
import { w3cWriter } from "./w3c";

/**
 * One pure, streaming writer per format (docs/export-formats.md). A writer takes the event
 * stream and the context and yields bytes; it does no I/O, reads no clock but `context.now`, and
 * throws ExportStreamError on a stream that breaks the text contract, ZipLimitError past zip
 * limits (brat, csv).
 */
export const WRITERS: Record<ExportFormat, ExportWriter> = {
  jsonl: jsonlWriter,
  w3c: w3cWriter,
  brat: bratWriter,
  conll: conllWriter,
  spacy: spacyWriter,
  csv: csvWriter,
};

export { ExportStreamError } from "./events";
export { ZipLimitError } from "./zip-stream";
export { OFFSET_UNIT, CANONICALIZATION } from "./manifest";
export type * from "./types";
