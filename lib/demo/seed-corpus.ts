import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Document } from "@/lib/db/generated/client";
import { updateDocument } from "@/lib/documents/update-document";
import { uploadDocuments } from "@/lib/documents/upload-documents";
import { makeDemoPdf } from "./corpus/make-demo-pdf";
import { DEMO_SOURCES, type DemoSource } from "./corpus/manifest";

const SOURCES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "corpus", "sources");

async function bytesOf(source: DemoSource): Promise<Uint8Array> {
  const { origin } = source;
  if (origin.kind === "pdf") return makeDemoPdf();
  const bytes = await readFile(path.join(SOURCES_DIR, origin.path));
  if (origin.kind === "file") return bytes;
  // The repository keeps LF (git may rewrite line endings); the CRLF edge case is made here.
  const text = bytes.toString("utf8").replace(/\r\n/g, "\n").replace(/\n/g, "\r\n");
  return new TextEncoder().encode(text);
}

/** The demo corpus as upload files `{ filename, bytes }`, in manifest order. */
export async function demoCorpusFiles(): Promise<{ filename: string; bytes: Uint8Array }[]> {
  return Promise.all(DEMO_SOURCES.map(async (source) => ({ filename: source.filename, bytes: await bytesOf(source) })));
}

/**
 * Metadata the file did not carry itself (HTML and PDF bring some). A title is only replaced
 * when the importer fell back to the file name.
 */
function missingMetadata(document: Document, source: DemoSource): Record<string, string> {
  const patch: Record<string, string> = {};
  const { title, ...rest } = source.metadata;
  const stem = source.filename.replace(/\.[^.]+$/, "");
  if (document.title === source.filename || document.title === stem) patch.title = title;
  for (const [key, value] of Object.entries(rest)) {
    if (document[key as keyof typeof rest] == null) patch[key] = value;
  }
  return patch;
}

/**
 * Loads the fictional demo corpus into a project through the ordinary upload path, so it is
 * canonicalized, hashed and audited like any upload, then fills in source metadata. Seeding
 * twice finds every file a duplicate and changes nothing.
 */
export async function seedDemoCorpus({
  actorId,
  projectId,
}: {
  actorId: string;
  projectId: string;
}): Promise<{ created: number; duplicates: number; errors: string[] }> {
  const files = await demoCorpusFiles();
  const results = await uploadDocuments({ actorId, projectId, files });
  const byFilename = new Map(DEMO_SOURCES.map((source) => [source.filename, source]));
  let created = 0;
  let duplicates = 0;
  const errors: string[] = [];
  for (const result of results) {
    if (result.status === "error" || !result.document) {
      errors.push(`${result.filename}: ${result.error?.message ?? "not stored"}`);
      continue;
    }
    if (result.status === "duplicate") {
      duplicates += 1;
      continue;
    }
    created += 1;
    const source = byFilename.get(result.filename);
    if (!source) continue;
    const input = missingMetadata(result.document, source);
    if (Object.keys(input).length > 0) await updateDocument({ actorId, documentId: result.document.id, input });
  }
  return { created, duplicates, errors };
}
