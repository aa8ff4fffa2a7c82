import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { importAnnotations } from "@/lib/import/import-annotations";
import { maxImportBytes, tooLargeImport } from "@/lib/import/import-limits";
import { ZImportQuery } from "@/lib/import/schemas";
import type { ImportProblem } from "@/lib/import/types";
import { resolveActor, resolveProject } from "./project-actor";
import { withDatabase } from "./with-database";

function describe(problem: ImportProblem): string {
  const where = [problem.document ?? "file", problem.index === null ? null : `annotation ${problem.index}`, problem.annotationId ? `(${problem.annotationId})` : null];
  return `${where.filter(Boolean).join(" · ")}: ${problem.message}`;
}

/**
 * `tracewell import --project P --format jsonl|w3c|brat|spacy FILE`: the API's import — checked
 * whole, written in one audited transaction or not at all — as --email (default: the project's
 * first owner), who must be allowed import.run. Prints every problem and exits 1 on refusal.
 */
export function runImport(values: { project?: string; format?: string; email?: string }, files: string[]): Promise<number> {
  if (!values.project || !values.format || files.length !== 1) {
    throw new AppError("bad_request", "import needs --project P, --format jsonl|w3c|brat|spacy and one FILE");
  }
  const { format } = ZImportQuery.parse({ format: values.format });
  const file = files[0]!;
  const size = statSync(file).size;
  if (size > maxImportBytes()) throw tooLargeImport(size);
  return withDatabase(async () => {
    const project = await resolveProject(values.project!);
    const actor = await resolveActor(project.id, values.email, "import.run");
    const report = await importAnnotations({ actorId: actor.id, projectId: project.id, format, file: { filename: path.basename(file), bytes: readFileSync(file) } });
    if (!report.ok) {
      for (const problem of report.errors) console.log(describe(problem));
      if (report.more) console.log(`… and ${report.more} more`);
      console.error(`Nothing was imported: ${report.errors.length + report.more} problem(s) in ${file}`);
      return 1;
    }
    console.log(
      `Imported ${report.annotations} annotations into "${project.name}" as ${actor.email}: ` +
        `${report.documents.created} documents created, ${report.documents.matched} matched by sha256` +
        (report.alreadyPresent ? `; ${report.alreadyPresent} annotations were already there and were left as they are` : ""),
    );
    return 0;
  });
}
