import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Document } from "@/lib/db/generated/client";
import { makeDemoPdf } from "@/lib/demo/corpus/make-demo-pdf";
import { DEMO_SOURCES } from "@/lib/demo/corpus/manifest";
import { seedDemoCorpus } from "@/lib/demo/seed-corpus";
import { listDocuments } from "@/lib/documents/list-documents";
import { createProject } from "@/lib/projects/create-project";
import { makeUser } from "../helpers/users";

let actorId: string;
let projectId: string;
let first: Awaited<ReturnType<typeof seedDemoCorpus>>;
const byFilename = new Map<string, Document>();

function doc(filename: string): Document {
  const found = byFilename.get(filename);
  if (!found) throw new Error(`${filename} was not stored`);
  return found;
}

beforeAll(async () => {
  const { user } = await makeUser();
  actorId = user.id;
  const project = await createProject({ actorId, input: { name: "Demo corpus" } });
  projectId = project.id;
  first = await seedDemoCorpus({ actorId, projectId });
  for (const document of await db().document.findMany({ where: { projectId } })) {
    byFilename.set(document.originalFilename ?? "", document);
  }
}, 120_000);

describe("seedDemoCorpus", () => {
  it("creates every source, with no errors", () => {
    expect(first).toEqual({ created: DEMO_SOURCES.length, duplicates: 0, errors: [] });
    expect([...byFilename.keys()].sort()).toEqual(DEMO_SOURCES.map((s) => s.filename).sort());
  });

  it("finds only duplicates the second time, and stores nothing new", async () => {
    expect(await seedDemoCorpus({ actorId, projectId })).toEqual({ created: 0, duplicates: DEMO_SOURCES.length, errors: [] });
    expect(await db().document.count({ where: { projectId } })).toBe(DEMO_SOURCES.length);
  });

  it("gives every document its source metadata", () => {
    for (const source of DEMO_SOURCES) {
      const document = doc(source.filename);
      expect(document.author, source.filename).toBeTruthy();
      expect(document.publisher, source.filename).toMatch(/fictional/);
      expect(document.publishedOn?.toISOString().slice(0, 10), source.filename).toBe(source.metadata.publishedOn);
      expect(document.sourceUrl, source.filename).toMatch(/^https:\/\/[a-z.-]+\.example\.(org|com)\//);
      expect(document.language, source.filename).toBe("en");
    }
  });

  it("uploads the briefing with CRLF line endings and stores it with LF only", async () => {
    const document = doc("observer-briefing-sarbagh.txt");
    const original = await db().documentOriginal.findUniqueOrThrow({ where: { documentId: document.id } });
    expect(Buffer.from(original.bytes).includes("\r\n")).toBe(true);
    expect(document.text).not.toContain("\r");
    expect(document.text).toContain("SUMMARY\n\nObservers recorded");
  });

  it("counts the channel post's length in code points, not UTF-16 units", () => {
    const { text, length } = doc("siyah-koh-channel-post.txt");
    expect(text).toContain("👨‍👩‍👧");
    expect(text).toContain("🇺🇳");
    expect(length).toBe([...text].length);
    expect(length).toBeLessThan(text.length);
  });

  it("extracts the HTML page's readable text without scripts or styles, entities decoded", () => {
    const { text } = doc("five-names-one-front.html");
    expect(text).toContain("Five Names, One Front");
    expect(text).not.toMatch(/<script|<style|dataLayer|font-family|\{ *direction/i);
    expect(text).not.toMatch(/&(amp|nbsp|#8217|ldquo|mdash);/);
    expect(text).toContain("Harvand & the Black Mountain Front");
    expect(text).toContain("Kestan\u2019s Harvand Province");
    expect(text).toContain("18\u00a0April 2025"); // &nbsp; stays U+00A0
    expect(text).toContain("جبهه کوه سیاه");
  });

  it("extracts the generated PDF page by page", () => {
    const document = doc("harvand-risk-assessment.pdf");
    const pages = (document.extraction as { pages?: unknown[] }).pages;
    expect(Array.isArray(pages)).toBe(true);
    expect(pages!.length).toBeGreaterThanOrEqual(2);
    expect(document.text).toContain("Harvand After the Ceasefire");
    expect(document.text).toContain("2. How strong is the Front?");
  });

  it("generates the same PDF bytes every time, so a re-seed is a duplicate of the same original", async () => {
    const [a, b] = await Promise.all([makeDemoPdf(), makeDemoPdf()]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const original = await db().documentOriginal.findUniqueOrThrow({ where: { documentId: doc("harvand-risk-assessment.pdf").id } });
    expect(Buffer.from(original.bytes).equals(Buffer.from(a))).toBe(true);
  });

  it("finds documents by an Arabic-script name and by an English stem", async () => {
    const arabic = await listDocuments({ projectId, query: { q: "هروندی" } });
    expect(arabic.documents.map((d) => d.originalFilename)).toEqual(["harvand-fighter-estimates.txt"]);

    const urdu = await listDocuments({ projectId, query: { q: "قادری" } });
    expect(urdu.documents.map((d) => d.originalFilename)).toEqual(["dalvara-clerics-appeal.txt"]);

    // "fighter" matches "fighters" through the English stemmer; every source mentions them.
    const stem = await listDocuments({ projectId, query: { q: "fighter" } });
    expect(stem.documents.length).toBe(DEMO_SOURCES.length);
    const jackal = await listDocuments({ projectId, query: { q: "jackal" } });
    expect(jackal.documents.length).toBeGreaterThanOrEqual(3);
  });
});
