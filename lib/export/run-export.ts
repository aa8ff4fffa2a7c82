import packageJson from "@/package.json";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { pgPool } from "@/lib/db/pg-pool";
import { countQuery } from "./corpus-sql";
import { WRITERS } from "./index";
import { slug } from "./names";
import { streamCorpus } from "./stream-corpus";
import type { ExportContext, ExportEvent, ExportFilters, ExportFormat, ExportLabel, ExportWriter } from "./types";

export const TRACEWELL_VERSION: string = packageJson.version;

export interface PreparedExport {
  writer: ExportWriter;
  context: ExportContext;
  /** `<project-slug>-<format>-<UTC timestamp>.<ext>`, ASCII only. */
  filename: string;
  /** The file's bytes, produced as they are pulled. */
  chunks: AsyncIterable<Uint8Array>;
}

/** Unknown labels or authors are a mistake in the request (422), not an empty export. */
async function checkFilters(projectId: string, filters: ExportFilters): Promise<void> {
  const unknown: string[] = [];
  if (filters.labels?.length) {
    const labels = await db().label.findMany({ where: { projectId }, select: { id: true, name: true } });
    const known = new Set(labels.flatMap((l) => [l.id, l.name.toLowerCase()]));
    for (const ref of filters.labels) if (!known.has(ref) && !known.has(ref.toLowerCase())) unknown.push(`label ${JSON.stringify(ref)}`);
  }
  if (filters.authors?.length) {
    // Only people who belong to or annotated in this project: others' emails are not disclosed.
    const emails = filters.authors.map((a) => a.toLowerCase());
    const users = await db().user.findMany({
      where: {
        OR: [{ id: { in: filters.authors } }, { email: { in: emails } }],
        AND: [{ OR: [{ memberships: { some: { projectId } } }, { annotations: { some: { document: { projectId } } } }] }],
      },
      select: { id: true, email: true },
    });
    const known = new Set(users.flatMap((u) => [u.id, u.email]));
    for (const ref of filters.authors) if (!known.has(ref) && !known.has(ref.toLowerCase())) unknown.push(`author ${JSON.stringify(ref)}`);
  }
  if (unknown.length) {
    throw new AppError("invalid_input", `Unknown ${unknown.join(", ")} in this project`, { unknown });
  }
}

function timestamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

/**
 * Everything an export needs before its first byte: the filters checked, the project's labels and
 * the writer's context; then `chunks` streams the file — the writer over `streamCorpus`, pulled
 * through. `onAnnotation` sees each annotation as it goes into the writer (CLI progress).
 */
export async function prepareExport({
  projectId,
  format,
  filters,
  apiBaseUrl,
  now = () => new Date(),
  onAnnotation,
}: {
  projectId: string;
  format: ExportFormat;
  filters: ExportFilters;
  apiBaseUrl: string;
  now?: () => Date;
  onAnnotation?: () => void;
}): Promise<PreparedExport> {
  const writer = WRITERS[format];
  if (!writer) throw new AppError("bad_request", `Unknown export format ${JSON.stringify(format)}`);
  const project = await db().project.findUnique({ where: { id: projectId }, select: { id: true, name: true } });
  if (!project) throw new AppError("not_found", "Project not found");
  await checkFilters(projectId, filters);
  const labels: ExportLabel[] = await db().label.findMany({
    where: { projectId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true, kind: true, color: true, hotkey: true, description: true },
  });
  const context: ExportContext = { project, labels, filters, apiBaseUrl: apiBaseUrl.replace(/\/+$/, ""), tracewellVersion: TRACEWELL_VERSION, now };
  const events = streamCorpus({ projectId, filters });
  const counted = onAnnotation ? countAnnotations(events, onAnnotation) : events;
  const name = slug(project.name) || "project";
  return { writer, context, filename: `${name}-${format}-${timestamp(now())}.${writer.extension}`, chunks: writer.write(counted, context) };
}

async function* countAnnotations(events: AsyncIterable<ExportEvent>, onAnnotation: () => void): AsyncGenerator<ExportEvent> {
  for await (const event of events) {
    if (event.type === "annotation") onAnnotation();
    yield event;
  }
}

/** How many annotations an export with these filters holds now (for a progress bar's total). */
export async function countExport({ projectId, filters }: { projectId: string; filters: ExportFilters }): Promise<number> {
  const { text, values } = countQuery(projectId, filters);
  return (await pgPool().query<{ count: number }>(text, values)).rows[0]!.count;
}

/** The API's absolute base for IRIs in exports: NEXTAUTH_URL (the public address) or the request's origin. */
export function apiBaseUrl(requestOrigin: string): string {
  const site = process.env.NEXTAUTH_URL?.trim().replace(/\/+$/, "").replace(/\/api\/auth$/, "");
  return `${site || requestOrigin}/api/v1`;
}
