import { NextRequest } from "next/server";
import * as exportRoute from "@/app/api/v1/projects/[projectId]/export/route";
import * as importRoute from "@/app/api/v1/projects/[projectId]/import/route";
import type { ExportEvent } from "@/lib/export/types";

/** The export and import routes called the way Next.js calls them, with a bearer token. */

export async function exportRequest(projectId: string, query: string, token?: string): Promise<Response> {
  const headers = new Headers();
  if (token) headers.set("authorization", `Bearer ${token}`);
  const req = new NextRequest(new URL(`/api/v1/projects/${projectId}/export?${query}`, "http://localhost:3000"), { headers });
  return exportRoute.GET(req, { params: Promise.resolve({ projectId }) });
}

/** The export's bytes (status must be 200). */
export async function exportBytes(projectId: string, query: string, token: string): Promise<Buffer> {
  const res = await exportRequest(projectId, query, token);
  if (res.status !== 200) throw new Error(`export ${query} answered ${res.status}: ${await res.text()}`);
  return Buffer.from(await res.arrayBuffer());
}

export async function importRequest(
  projectId: string,
  format: string,
  file: { name: string; bytes: Uint8Array },
  token?: string,
  { raw = false }: { raw?: boolean } = {},
): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const headers = new Headers();
  if (token) headers.set("authorization", `Bearer ${token}`);
  let body: BodyInit;
  if (raw) {
    body = new Blob([new Uint8Array(file.bytes)]);
    headers.set("content-type", "application/octet-stream");
  } else {
    const form = new FormData();
    form.append("file", new File([new Uint8Array(file.bytes)], file.name));
    body = form;
  }
  const req = new NextRequest(new URL(`/api/v1/projects/${projectId}/import?format=${format}`, "http://localhost:3000"), { method: "POST", headers, body });
  const res = await importRoute.POST(req, { params: Promise.resolve({ projectId }) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export type Normalized = { document: string; label: string; start: number; end: number; exact: string; attributes: unknown; status?: string };

/**
 * Annotations as a round trip must keep them: ids and times dropped, a claim's source named by
 * the span and label it points at instead of an id, sorted.
 */
export function normalize(events: ExportEvent[], { status = true }: { status?: boolean } = {}): Normalized[] {
  const sha = new Map<string, string>();
  const byId = new Map<string, string>();
  for (const event of events) {
    if (event.type === "document") sha.set(event.document.id, event.document.sha256);
    else byId.set(event.annotation.id, `${event.annotation.label.name}@${event.annotation.start}-${event.annotation.end}`);
  }
  const out: Normalized[] = [];
  for (const event of events) {
    if (event.type !== "annotation") continue;
    const a = event.annotation;
    const source = a.attributes.source as { annotationId?: string } | undefined;
    const attributes = source?.annotationId ? { ...a.attributes, source: { annotation: byId.get(source.annotationId) ?? `missing ${source.annotationId}` } } : a.attributes;
    out.push({ document: sha.get(a.documentId)!, label: a.label.name, start: a.start, end: a.end, exact: a.exact, attributes, ...(status ? { status: a.status } : {}) });
  }
  const key = (n: Normalized) => JSON.stringify([n.document, n.start, n.end, n.label, n.exact]);
  return out.sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
}
