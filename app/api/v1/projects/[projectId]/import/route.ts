import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readImportUpload } from "@/lib/api/uploads";
import { gateProject } from "@/lib/auth/gate";
import { AppError } from "@/lib/errors";
import { importAnnotations } from "@/lib/import/import-annotations";
import { ZImportQuery } from "@/lib/import/schemas";

type Params = { projectId: string };

/**
 * An export file (multipart `file`, or the raw body) checked whole, then written in one audited
 * transaction (201 with counts) — or nothing written and 422 with every problem in
 * `error.details.errors`.
 */
export const POST = apiRoute<Params>(async ({ req, params, principal }) => {
  const { format, filename } = ZImportQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  await gateProject({ principal, projectId: params.projectId, action: "import.run" });
  const file = await readImportUpload(req, filename ?? `import.${format === "brat" ? "zip" : format === "w3c" ? "jsonld" : "jsonl"}`);
  const report = await importAnnotations({ actorId: principal.userId, projectId: params.projectId, format, file });
  if (!report.ok) {
    const count = report.errors.length + report.more;
    throw new AppError("invalid_input", `${count} problem${count === 1 ? "" : "s"} in the file; nothing was imported`, report);
  }
  return NextResponse.json(report, { status: 201 });
});
