import { createWriteStream } from "node:fs";
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/lib/errors";
import { exportFilters, ZExportQuery } from "@/lib/export/export-query";
import { apiBaseUrl, countExport, prepareExport } from "@/lib/export/run-export";
import { progressBar } from "./progress";
import { resolveActor, resolveProject } from "./project-actor";
import { withDatabase } from "./with-database";

export type ExportValues = {
  project?: string;
  format?: string;
  documents?: string;
  labels?: string;
  status?: string;
  authors?: string;
  /** Only documents whose review workflow is signed off. */
  "signed-off"?: boolean;
  q?: string;
  email?: string;
  output?: string;
};

/**
 * `tracewell export --project P --format F [filters] [--output FILE]`: the same export as the API
 * (the same cursor, writers and filters), to stdout or a file, with the count of annotations
 * written as a progress bar on stderr. Acts as --email (default: the project's first owner),
 * who must be allowed export.run.
 */
export function runExport(values: ExportValues): Promise<number> {
  if (!values.project || !values.format) throw new AppError("bad_request", "export needs --project P and --format jsonl|w3c|brat|conll|spacy|csv");
  const { "signed-off": signedOff, ...rest } = values;
  const query = ZExportQuery.parse({ ...rest, signedOff: signedOff ? "true" : undefined, project: undefined, email: undefined, output: undefined });
  const filters = exportFilters(query);
  const zipped = query.format === "brat" || query.format === "csv";
  if (!values.output && zipped && process.stdout.isTTY) {
    throw new AppError("bad_request", `a ${query.format} export is a zip: redirect it to a file (> export.zip) or pass --output FILE`);
  }
  return withDatabase(async () => {
    const project = await resolveProject(values.project!);
    await resolveActor(project.id, values.email, "export.run");
    const total = await countExport({ projectId: project.id, filters });
    const bar = progressBar(total);
    let written = 0;
    const prepared = await prepareExport({
      projectId: project.id,
      format: query.format,
      filters,
      apiBaseUrl: apiBaseUrl(`http://localhost:${process.env.PORT || 3000}`),
      onAnnotation: () => {
        if (++written % 500 === 0) bar.update(written, "annotations");
      },
    });
    const out: Writable = values.output ? createWriteStream(values.output) : process.stdout;
    try {
      await pipeline(Readable.from(prepared.chunks, { objectMode: false }), out, { end: Boolean(values.output) });
    } catch (err) {
      bar.done();
      if ((err as NodeJS.ErrnoException).code === "EPIPE") throw new AppError("internal", `the output closed after ${written} annotations`);
      throw err;
    }
    bar.done();
    console.error(`Exported ${written} annotations of project "${project.name}" as ${query.format}${values.output ? ` to ${values.output}` : ""}`);
    return 0;
  });
}
