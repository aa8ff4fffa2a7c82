import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { uploadDocuments, type UploadResult } from "@/lib/documents/upload-documents";
import { AppError } from "@/lib/errors";
import { ingestLimits } from "@/lib/ingest/limits";
import { progressBar } from "./progress";
import { resolveActor, resolveProject } from "./project-actor";
import { withDatabase } from "./with-database";

/** Files named on the command line, with directories walked recursively (dotfiles skipped). */
function collectFiles(paths: string[]): string[] {
  const files: string[] = [];
  const walk = (p: string) => {
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p).sort()) if (!entry.startsWith(".")) walk(path.join(p, entry));
    } else if (stat.isFile()) files.push(p);
  };
  for (const p of paths) walk(p);
  return files;
}

function describe(result: UploadResult): string {
  if (result.status === "error") return `error      ${result.filename}: ${result.error!.message}`;
  const doc = result.document!;
  return `${result.status.padEnd(10)} ${result.filename} → ${doc.id} (${doc.length} code points, sha256 ${doc.sha256.slice(0, 12)}…)`;
}

export function runImportFiles(values: { project?: string; email?: string }, paths: string[]): Promise<number> {
  if (!values.project || paths.length === 0) {
    throw new AppError("bad_request", "import-files needs --project P and at least one FILE or DIR");
  }
  const files = collectFiles(paths);
  return withDatabase(async () => {
    const project = await resolveProject(values.project!);
    const actor = await resolveActor(project.id, values.email, "document.create");
    const limits = ingestLimits();
    const bar = progressBar(files.length);
    const counts = { created: 0, duplicate: 0, error: 0 };
    for (const [index, file] of files.entries()) {
      bar.update(index, path.basename(file));
      const filename = path.basename(file);
      // Refuse oversize files from their size, without reading them.
      const results: UploadResult[] =
        statSync(file).size > limits.maxFileBytes
          ? [{ filename, status: "error", error: new AppError("payload_too_large", `larger than the ${limits.maxFileBytes} byte limit`) }]
          : await uploadDocuments({ actorId: actor.id, projectId: project.id, files: [{ filename, bytes: readFileSync(file) }] });
      bar.done();
      for (const result of results) {
        counts[result.status] += 1;
        console.log(describe(result));
      }
    }
    bar.done();
    console.log(`${counts.created} created, ${counts.duplicate} duplicate, ${counts.error} failed (project "${project.name}", as ${actor.email})`);
    return counts.error > 0 ? 1 : 0;
  });
}
