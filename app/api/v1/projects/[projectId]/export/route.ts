import { apiRoute } from "@/lib/api/handler";
import { gateProject } from "@/lib/auth/gate";
import { parseExportQuery } from "@/lib/export/export-query";
import { readableFrom } from "@/lib/export/readable";
import { apiBaseUrl, prepareExport } from "@/lib/export/run-export";

type Params = { projectId: string };

/**
 * The project's corpus in one format, streamed from a database cursor as the client reads it.
 * Not audited: an export reads and changes nothing (owners and reviewers only: export.run).
 */
export const GET = apiRoute<Params>(async ({ req, params, principal }) => {
  const { format, filters } = parseExportQuery(req.nextUrl.searchParams);
  await gateProject({ principal, projectId: params.projectId, action: "export.run" });
  const prepared = await prepareExport({ projectId: params.projectId, format, filters, apiBaseUrl: apiBaseUrl(req.nextUrl.origin) });
  return new Response(readableFrom(prepared.chunks), {
    headers: {
      "Content-Type": prepared.writer.mediaType,
      "Content-Disposition": `attachment; filename="${prepared.filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
