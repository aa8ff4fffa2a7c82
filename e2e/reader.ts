import type { APIRequestContext, Page } from "@playwright/test";
import { expect } from "./fixtures";

// Driving the annotation reader: documents and annotations through the API, text positions in
// the browser through DOM ranges (each line of the text is one paragraph of the reader).

export interface StoredAnnotation {
  id: string;
  start: number;
  end: number;
  exact: string;
  label: { id: string; name: string; kind: string };
  attributes: Record<string, unknown>;
  status: string;
  version: number;
  author: { id: string; email: string };
}

/** Uploads `text` as a file (multipart, like the drop zone) and returns the document id. */
export async function uploadText(request: APIRequestContext, projectId: string, filename: string, text: string): Promise<string> {
  const res = await request.post(`/api/v1/projects/${projectId}/documents`, {
    multipart: { file: { name: filename, mimeType: "text/plain", buffer: Buffer.from(text, "utf8") } },
  });
  expect(res.ok(), await res.text()).toBe(true);
  const body = (await res.json()) as { results: { status: string; document?: { id: string } }[] };
  expect(body.results[0]?.status).toBe("created");
  return body.results[0]!.document!.id;
}

export async function listAnnotations(request: APIRequestContext, documentId: string): Promise<StoredAnnotation[]> {
  const res = await request.get(`/api/v1/documents/${documentId}/annotations`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { annotations: StoredAnnotation[] }).annotations;
}

export async function createAnnotation(
  request: APIRequestContext,
  documentId: string,
  input: { label: string; start: number; end: number; attributes?: Record<string, unknown> },
): Promise<StoredAnnotation> {
  const res = await request.post(`/api/v1/documents/${documentId}/annotations`, { data: input });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as StoredAnnotation;
}

/** Code-point offsets of `needle` in `text` (its n-th occurrence), as the API stores them. */
export function codePointsOf(text: string, needle: string, occurrence = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not in text`);
  const start = [...text.slice(0, at)].length;
  return { start, end: start + [...needle].length };
}

export async function openReader(page: Page, projectId: string, documentId: string): Promise<void> {
  await page.goto(`/projects/${projectId}/documents/${documentId}`);
  await expect(page.getByTestId("document-text")).toBeVisible();
  await expect(page.locator("[data-highlight-count]")).toBeAttached();
}

/**
 * The screen box of the UTF-16 unit `offset` of line `line` (a whole surrogate pair if it starts
 * one), or of `units` units from there (a cluster drawn as one glyph, like a ZWJ family).
 */
export async function charBox(page: Page, line: number, offset: number, units?: number): Promise<{ x: number; y: number; width: number; height: number }> {
  return page.getByTestId("document-text").evaluate(
    (root, [lineIndex, unit, length]) => {
      const paragraph = root.querySelectorAll("p")[lineIndex];
      if (!paragraph) throw new Error(`no line ${lineIndex}`);
      const bounds = paragraph.getBoundingClientRect();
      if (bounds.top < 0 || bounds.bottom > innerHeight) paragraph.scrollIntoView({ block: "center", behavior: "instant" });
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      let remaining = unit;
      let node = walker.nextNode() as Text | null;
      while (node && remaining >= node.data.length) {
        remaining -= node.data.length;
        node = walker.nextNode() as Text | null;
      }
      if (!node) throw new Error(`line ${lineIndex} is shorter than ${unit}`);
      const code = node.data.charCodeAt(remaining);
      const range = document.createRange();
      range.setStart(node, remaining);
      range.setEnd(node, remaining + (length ?? (code >= 0xd800 && code <= 0xdbff ? 2 : 1)));
      const rect = range.getBoundingClientRect();
      return { x: rect.left, y: rect.top, width: rect.width, height: rect.height };
    },
    [line, offset, units] as const,
  );
}

/** Where `needle` sits: its line and UTF-16 offset within that line. */
export function locate(text: string, needle: string): { line: number; offset: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, at);
  const line = before.split("\n").length - 1;
  return { line, offset: at - (before.lastIndexOf("\n") + 1) };
}

/** Drags the mouse from inside the first character of `from` to inside the last of `to`. */
export async function dragSelect(page: Page, text: string, from: string, to: string = from): Promise<void> {
  const a = locate(text, from);
  const b = locate(text, to);
  const lastUnit = to.length - ([...to].at(-1)!.length === 2 ? 2 : 1);
  const start = await charBox(page, a.line, a.offset);
  const end = await charBox(page, b.line, b.offset + lastUnit);
  // Whole pixels, as a real mouse reports them: Chromium loses a drag that starts at some
  // fractional CDP coordinates (each move then places a caret instead of extending).
  await page.mouse.move(Math.round(start.x + start.width * 0.5), Math.round(start.y + start.height / 2));
  await page.mouse.down();
  await page.mouse.move(Math.round(end.x + end.width * 0.5), Math.round(end.y + end.height / 2), { steps: 8 });
  await page.mouse.up();
}

/** Clicks the middle of the character at the start of `needle` (on its first `skip` units). */
export async function clickText(page: Page, text: string, needle: string, skip = 0): Promise<void> {
  const { line, offset } = locate(text, needle);
  const box = await charBox(page, line, offset + skip);
  await page.mouse.click(Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2));
}

export function highlight(page: Page, id: string) {
  return page.locator(`[data-annotation-id="${id}"]`);
}
