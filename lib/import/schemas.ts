import { z } from "zod";
import { IMPORT_FORMATS } from "./types";

export const ZImportQuery = z.object({
  format: z.enum(IMPORT_FORMATS, { error: `format must be one of ${IMPORT_FORMATS.join(", ")}` }).describe("jsonl | w3c | brat (a zip) | spacy"),
  filename: z.string().trim().min(1).max(300).optional().describe("names a raw-body upload in the audit trail"),
});
