import { createHash } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import type { APIRequestContext, Page } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { createAccount, createProjectViaApi, expect, signedInPage, test } from "./fixtures";

/** Emoji (ZWJ family, flag), Arabic with harakat, a combining accent: offsets must survive them all. */
const TEXT = "Field report 👩‍👩‍👧 near Torkham 🇦🇫: more than 6,000 fighters crossed, said ذَبِيحُ اللّٰهِ; the cafe\u0301 reopened.";
const SHA256 = createHash("sha256").update(TEXT, "utf8").digest("hex");

const FORMATS = [
  { name: "Tracewell JSONL", format: "jsonl", zip: false },
  { name: "W3C Web Annotation", format: "w3c", zip: false },
  { name: "brat standoff (zip)", format: "brat", zip: true },
  { name: "CoNLL BIO", format: "conll", zip: false },
  { name: "spaCy JSONL", format: "spacy", zip: false },
  { name: "CSV (zip)", format: "csv", zip: true },
] as const;

function span(needle: string) {
  const start = [...TEXT.slice(0, TEXT.indexOf(needle))].length;
  return { start, end: start + [...needle].length, exact: needle };
}

/** A project with one document and three overlapping annotations, through the API. */
async function seed(request: APIRequestContext, name: string): Promise<string> {
  const projectId = (await (await request.post("/api/v1/projects", { data: { name } })).json()).id as string;
  const doc = await request.post(`/api/v1/projects/${projectId}/documents`, { data: { title: "Torkham report", text: TEXT } });
  expect(doc.status()).toBe(201);
  const documentId = (await doc.json()).id as string;
  for (const body of [
    { label: "Claim", ...span("more than 6,000 fighters crossed, said ذَبِيحُ اللّٰهِ"), attributes: { reporting: "reported" } },
    { label: "Figure", ...span("more than 6,000 fighters") },
    { label: "Entity", ...span("ذَبِيحُ اللّٰهِ"), attributes: { type: "person" } },
    { label: "Entity", ...span("🇦🇫"), attributes: { type: "location" } },
  ]) {
    const res = await request.post(`/api/v1/documents/${documentId}/annotations`, { data: body });
    expect(res.status(), await res.text()).toBe(201);
  }
  return projectId;
}

/** Clicks Download for `name` and returns the saved file's bytes. */
async function download(page: Page, name: string): Promise<{ bytes: Buffer; filename: string }> {
  await page.getByRole("radio", { name: new RegExp(`^${name.replace(/[()]/g, "\\$&")}`) }).check();
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-download").click()]);
  expect(await file.failure()).toBeNull();
  return { bytes: readFileSync((await file.path())!), filename: file.suggestedFilename() };
}

test.describe("export and import", () => {
  test("an owner downloads every format from the Export tab, each stating the document's sha256", async ({ page, context, account }) => {
    void account;
    const projectId = await seed(context.request, "Torkham crossings");
    await page.goto(`/projects/${projectId}`);
    await page.getByRole("navigation", { name: "Project sections" }).getByRole("link", { name: "Export" }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/export$`));
    await expect(page.getByRole("heading", { name: "Export" })).toBeVisible();

    for (const { name, format, zip } of FORMATS) {
      const { bytes, filename } = await download(page, name);
      expect(filename).toMatch(new RegExp(`^torkham-crossings-${format}-\\d{8}T\\d{6}Z\\.`));
      expect(bytes.length, `${format} is empty`).toBeGreaterThan(0);
      const text = zip ? Object.entries(unzipSync(bytes)).map(([entry, data]) => `${entry}\n${strFromU8(data)}`).join("\n") : bytes.toString("utf8");
      expect(text, `${format} names the document's sha256`).toContain(SHA256);
      expect(text, `${format} states the offset unit`).toContain("Unicode code points");
    }

    // Filters go into the address: figures only.
    await page.getByRole("checkbox", { name: "Figure" }).check();
    const { bytes } = await download(page, "Tracewell JSONL");
    const records = bytes.toString("utf8").trim().split("\n").map((line) => JSON.parse(line));
    expect(records[0]).toMatchObject({ type: "manifest", filters: { labels: [expect.any(String)] } });
    expect(records.filter((r) => r.type === "document").flatMap((r) => r.annotations.map((a: { label: string }) => a.label))).toEqual(["Figure"]);
  });

  test("chosen documents: one from its page, more found by title, only those exported", async ({ page, context, account }) => {
    void account;
    const projectId = await seed(context.request, "Chosen documents");
    for (const [title, text] of [
      ["River note", "At least 13 boats crossed the river at dawn."],
      ["Valley note", "Two drones were reported over the valley."],
    ]) {
      expect((await context.request.post(`/api/v1/projects/${projectId}/documents`, { data: { title, text } })).status()).toBe(201);
    }
    const listed = (await (await context.request.get(`/api/v1/projects/${projectId}/documents`)).json()).documents as { id: string; title: string }[];
    const torkham = listed.find((d) => d.title === "Torkham report")!;
    const river = listed.find((d) => d.title === "River note")!;

    await page.goto(`/projects/${projectId}/documents/${torkham.id}`);
    await page.getByRole("link", { name: "Export this document" }).click();
    await expect(page).toHaveURL(new RegExp(`/export\\?documents=${torkham.id}$`));
    const chosen = page.getByRole("list", { name: "Chosen documents" });
    await expect(chosen.getByRole("listitem")).toHaveText(["Torkham report×"]);

    await page.getByLabel("Find a document").fill("river");
    await page.getByRole("button", { name: "Add River note" }).click();
    await expect(chosen.getByRole("listitem")).toHaveCount(2);
    await expect(page.getByText(`--documents ${torkham.id},${river.id}`)).toBeVisible();
    const { bytes } = await download(page, "Tracewell JSONL");
    const records = bytes.toString("utf8").trim().split("\n").map((line) => JSON.parse(line));
    expect(records[0].filters.documentIds).toEqual([torkham.id, river.id]);
    expect(records.filter((r) => r.type === "document").map((r) => r.title).sort()).toEqual(["River note", "Torkham report"]);

    // Nothing chosen, nothing to download.
    await page.getByRole("button", { name: "Remove Torkham report" }).click();
    await page.getByRole("button", { name: "Remove River note" }).click();
    await expect(page.getByTestId("export-download")).toBeDisabled();
    await expect(page.getByTestId("export-download")).toHaveText("Choose a document to download");
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id), "axe on the document picker").toEqual([]);
  });

  test("Only signed-off documents exports the document a reviewer signed off, with its sign-off", async ({ page, context, account }) => {
    void account;
    const projectId = await seed(context.request, "Signed crossings");
    expect((await context.request.post(`/api/v1/projects/${projectId}/documents`, { data: { title: "Unsigned note", text: "Two drones were reported." } })).status()).toBe(201);
    const listed = (await (await context.request.get(`/api/v1/projects/${projectId}/documents`)).json()).documents as { id: string; title: string }[];
    const torkham = listed.find((d) => d.title === "Torkham report")!.id;
    expect((await context.request.post(`/api/v1/documents/${torkham}/submit`, { data: {} })).status()).toBe(200);
    const annotations = (await (await context.request.get(`/api/v1/documents/${torkham}/annotations`)).json()).annotations as { id: string; version: number }[];
    for (const a of annotations) {
      const res = await context.request.post(`/api/v1/annotations/${a.id}/review`, { data: { decision: "accept", version: a.version } });
      expect(res.status(), await res.text()).toBe(200);
    }
    const hash = (await (await context.request.get(`/api/v1/documents/${torkham}/workflow`)).json()).annotationSet.hash as string;
    expect((await context.request.post(`/api/v1/documents/${torkham}/sign-off`, { data: { annotationSetHash: hash } })).status()).toBe(200);

    await page.goto(`/projects/${projectId}/export`);
    await page.getByRole("checkbox", { name: "Only signed-off documents" }).check();
    await expect(page.getByText(/--signed-off/)).toBeVisible();
    const { bytes } = await download(page, "Tracewell JSONL");
    const records = bytes.toString("utf8").trim().split("\n").map((line) => JSON.parse(line));
    expect(records[0].filters.signedOff).toBe(true);
    const documents = records.filter((r) => r.type === "document");
    expect(documents.map((d) => [d.title, d.state, d.signOff?.annotationSetHash])).toEqual([["Torkham report", "signed_off", hash]]);
    expect(documents[0].annotations.map((a: { review: { decision: string } }) => a.review.decision)).toEqual(Array(annotations.length).fill("accept"));
  });

  test("a JSONL export imports into a new project through the form; a broken one is refused with its report", async ({ page, context, account }) => {
    void account;
    const source = await seed(context.request, "Import source");
    const exported = await (await context.request.get(`/api/v1/projects/${source}/export?format=jsonl`)).body();
    const target = await createProjectViaApi(context, "Import target");
    await page.goto(`/projects/${target}/export`);

    // A quote that no longer matches its text: nothing is imported, the problem is listed.
    const broken = exported.toString("utf8").replace('"exact":"more than 6,000 fighters"', '"exact":"more than 7,000 fighters"');
    await page.getByLabel("Format", { exact: true }).selectOption("jsonl");
    await page.getByLabel("File", { exact: true }).setInputFiles({ name: "broken.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(broken) });
    await page.getByRole("button", { name: "Import" }).click();
    const refusal = page.getByTestId("import-result");
    await expect(refusal).toContainText("1 problem in the file; nothing was imported");
    await expect(refusal.getByRole("row").filter({ hasText: "exact does not match the text" })).toContainText("Torkham report");
    expect((await (await context.request.get(`/api/v1/projects/${target}`)).json()).documentCount).toBe(0);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id), "axe on the Export page").toEqual([]);

    await page.getByLabel("File", { exact: true }).setInputFiles({ name: "corpus.jsonl", mimeType: "application/x-ndjson", buffer: exported });
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByTestId("import-result")).toContainText("Imported 4 annotations");
    await expect(page.getByTestId("import-result")).toContainText("1 documents created, 0 matched");

    const again = await (await context.request.get(`/api/v1/projects/${target}/export?format=jsonl`)).body();
    const annotations = (buf: Buffer) =>
      buf
        .toString("utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l))
        .filter((r) => r.type === "document")
        .flatMap((r) => r.annotations.map((a: Record<string, unknown>) => [a.label, a.start, a.end, a.exact, a.attributes]));
    expect(annotations(again)).toEqual(annotations(exported));

    // The same file once more adds nothing, and says so.
    await page.getByLabel("File", { exact: true }).setInputFiles({ name: "corpus-again.jsonl", mimeType: "application/x-ndjson", buffer: exported });
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByTestId("import-result")).toContainText("Imported 0 annotations");
    await expect(page.getByTestId("import-result")).toContainText("4 annotations of the file were already here");
    expect(annotations(await (await context.request.get(`/api/v1/projects/${target}/export?format=jsonl`)).body())).toEqual(annotations(exported));
  });

  test("annotators see the Export tab but may neither export nor import", async ({ context, browser, account }) => {
    void account;
    const projectId = await seed(context.request, "Members only");
    const annotator = await createAccount("annotator");
    const added = await context.request.post(`/api/v1/projects/${projectId}/members`, { data: { email: annotator.email, role: "annotator" } });
    expect(added.status()).toBe(201);
    const { context: theirs, page } = await signedInPage(browser, annotator);
    try {
      await page.goto(`/projects/${projectId}/export`);
      await expect(page.getByText("Owners and reviewers can export a project's annotations")).toBeVisible();
      await expect(page.getByText("Owners and reviewers can import annotations")).toBeVisible();
      expect((await theirs.request.get(`/api/v1/projects/${projectId}/export?format=jsonl`)).status()).toBe(403);
    } finally {
      await theirs.close();
    }
  });
});
