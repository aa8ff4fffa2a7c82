import { AppError } from "@/lib/errors";
import { sha256HexBytes } from "@/lib/text/hash";
import { applyPlan } from "./apply-plan";
import { readBrat } from "./read-brat";
import { readJsonl } from "./read-jsonl";
import { readSpacy } from "./read-spacy";
import { MalformedFile, fileProblem } from "./read-text";
import { readW3c } from "./read-w3c";
import type { ImportFile, ImportFormat, ImportPlan, ImportProblem, ImportReader, ImportReport } from "./types";
import { verifyPlan } from "./verify-plan";

export const READERS: Record<ImportFormat, ImportReader> = { jsonl: readJsonl, w3c: readW3c, brat: readBrat, spacy: readSpacy };

/** Problems listed in a report; the rest are counted in `more`. */
export const MAX_REPORTED = 1000;

function refusal(problems: ImportProblem[]): ImportReport {
  return { ok: false, errors: problems.slice(0, MAX_REPORTED), more: Math.max(0, problems.length - MAX_REPORTED) };
}

async function read(format: ImportFormat, file: ImportFile): Promise<ImportPlan> {
  try {
    return await READERS[format](file);
  } catch (err) {
    if (err instanceof MalformedFile) return { documents: [], problems: [fileProblem(err.message)] };
    throw err;
  }
}

/**
 * Imports an export file (jsonl, w3c, brat zip, spacy) into a project: read, verify everything
 * against the project and the texts, and only then write — all of it in one audited transaction,
 * or nothing at all with a report of every problem (document, annotation index, message).
 * Authorization is the caller's (import.run). Imported annotations are authored by the importer,
 * keep their status (pending when the format has none), and get new ids.
 */
export async function importAnnotations({
  actorId,
  projectId,
  format,
  file,
}: {
  actorId: string;
  projectId: string;
  format: ImportFormat;
  file: ImportFile;
}): Promise<ImportReport> {
  if (file.bytes.length === 0) throw new AppError("bad_request", "The file is empty");
  const plan = await read(format, file);
  const verified = await verifyPlan({ projectId, format, filename: file.filename, plan });
  const problems = [...plan.problems, ...verified.problems];
  if (problems.length > 0) return refusal(problems);
  const written = await applyPlan({ actorId, projectId, format, filename: file.filename, fileSha256: sha256HexBytes(file.bytes), documents: verified.documents });
  return { ok: true, format, documents: { created: written.created, matched: written.matched }, annotations: written.annotations, alreadyPresent: written.alreadyPresent };
}
