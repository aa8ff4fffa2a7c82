import { createHash } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Locator, Page, TestInfo } from "@playwright/test";
import { zipSync } from "fflate";
import { createAccount, createProjectViaApi, expect, signedInPage, test } from "./fixtures";

// Fixtures are built here, byte by byte, so each encoding is exactly what the test says it is.

/** A channel post: emoji (ZWJ family, flag, skin tone), Arabic script, Windows line endings. */
const POST_CRLF = [
  "Channel post 📢 from the border crossing",
  "",
  "ISKP (also Daesh-K) claimed the quadcopter strike 👨‍👩‍👧 near Torkham 🇦🇫; locals said more than 6000 people fled ✊🏽.",
  "المتحدث ذبيح الله مُجاهد denied it.",
  "",
].join("\r\n");
const POST = POST_CRLF.replace(/\r\n/g, "\n");

const REPORT = "Field report from Kandahar\nOfficials counted between 2,500 and 8,500 displaced families.\n\nروایت شده: nearly 400 returned.\n";
const UTF16_REPORT = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(REPORT.replace(/\n/g, "\r\n"), "utf16le")]);

const HTML = `<!doctype html><html><head><title>Briefing: Nangarhar</title><style>p { color: red }</style>
<script>window.tracker = "should not appear";</script></head>
<body><nav>Home | About</nav><h1>Nangarhar briefing</h1><p>Analysts estimate 80 per cent of checkpoints reopened &amp; traffic resumed.</p>
<ul><li>First point</li><li>Second point</li></ul></body></html>`;

/** A PNG header: binary content behind a text extension. */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

interface Fixture {
  name: string;
  type: string;
  bytes: Buffer;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** A real drop: a DataTransfer built in the page, dispatched as dragenter, dragover and drop. */
async function dropFiles(page: Page, files: Fixture[]) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const file of list) {
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], file.name, { type: file.type }));
    }
    return transfer;
  }, files.map((file) => ({ name: file.name, type: file.type, base64: file.bytes.toString("base64") })));
  for (const type of ["dragenter", "dragover", "drop"]) {
    await page.dispatchEvent("[data-testid=dropzone]", type, { dataTransfer });
  }
}

function uploadRow(page: Page, name: string): Locator {
  return page.getByTestId("upload-row").filter({ has: page.getByText(name, { exact: true }) });
}

async function documentIdFrom(link: Locator): Promise<string> {
  const href = await link.getAttribute("href");
  const id = href?.split("/").pop();
  expect(id, `a document link, got ${href}`).toBeTruthy();
  return id!;
}

async function expectAccessible(page: Page, testInfo: TestInfo, name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const summary = severe.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
  expect(summary, `axe violations on ${name}`).toEqual([]);
}

/** The text as the reader shows it: one paragraph per line. */
function renderedText(page: Page): Promise<string> {
  return page.getByTestId("document-text").evaluate((el) => [...el.querySelectorAll("p")].map((p) => p.textContent).join("\n"));
}

async function pasteViaApi(request: APIRequestContext, projectId: string, title: string, text: string): Promise<string> {
  const res = await request.post(`/api/v1/projects/${projectId}/documents`, { data: { title, text } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

test.describe("documents", () => {
  test("dropping several files uploads each with its own progress and result; a document opens exactly as stored", async ({
    page,
    context,
    account: _owner,
  }, testInfo) => {
    const projectId = await createProjectViaApi(context, "Border sources");
    await page.goto(`/projects/${projectId}`);
    await page.getByRole("navigation", { name: "Project sections" }).getByRole("link", { name: /Documents/ }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/documents$`));
    await expect(page.getByText("No documents yet")).toBeVisible();

    await dropFiles(page, [
      { name: "channel-post.txt", type: "text/plain", bytes: Buffer.from(POST_CRLF, "utf8") },
      { name: "kandahar-utf16.txt", type: "text/plain", bytes: UTF16_REPORT },
      { name: "nangarhar.html", type: "text/html", bytes: Buffer.from(HTML, "utf8") },
      { name: "photo.txt", type: "text/plain", bytes: PNG },
    ]);

    const rows = page.getByTestId("upload-row");
    await expect(rows).toHaveCount(4);
    for (const name of ["channel-post.txt", "kandahar-utf16.txt", "nangarhar.html", "photo.txt"]) {
      const row = uploadRow(page, name);
      await expect(row.getByRole("progressbar", { name: `Upload of ${name}` })).toHaveAttribute("aria-valuenow", "100");
      await expect(row).toHaveAttribute("data-phase", "done");
    }
    const post = uploadRow(page, "channel-post.txt");
    await expect(post.locator("[data-status=created]")).toContainText("Created");
    await expect(uploadRow(page, "kandahar-utf16.txt").locator("[data-status=created]")).toBeVisible();
    await expect(uploadRow(page, "nangarhar.html").locator("[data-status=created]")).toContainText("Briefing: Nangarhar");
    const refused = uploadRow(page, "photo.txt").locator("[data-status=error]");
    await expect(refused).toContainText("Not stored");
    await expect(refused).toContainText(/binary|PNG|image/i);

    // The table was refreshed with the three stored documents; the refused file left nothing.
    const table = page.getByRole("table", { name: "Documents" });
    await expect(table.getByRole("row")).toHaveCount(4);
    await expect(table).toContainText("Briefing: Nangarhar");
    const postLink = post.getByRole("link");
    const postId = await documentIdFrom(postLink);

    // The same bytes again, through the file input this time, plus a zip of two entries.
    const zip = zipSync({
      "bundle/a.txt": new TextEncoder().encode("Zip entry A: at least 13 boats were seen."),
      "bundle/b.md": new TextEncoder().encode("# Entry B\n\nUp to 40 per cent, said the ministry."),
    });
    await page.getByLabel("choose files").setInputFiles([
      { name: "channel-post-copy.txt", mimeType: "text/plain", buffer: Buffer.from(POST_CRLF, "utf8") },
      { name: "bundle.zip", mimeType: "application/zip", buffer: Buffer.from(zip) },
    ]);
    const duplicate = uploadRow(page, "channel-post-copy.txt").locator("[data-status=duplicate]");
    await expect(duplicate).toContainText("already in this project as");
    expect(await documentIdFrom(duplicate.getByRole("link"))).toBe(postId);
    const zipRow = uploadRow(page, "bundle.zip");
    await expect(zipRow.locator("[data-status=created]")).toHaveCount(2);
    await expect(zipRow).toContainText("bundle.zip/bundle/a.txt");
    await expect(table.getByRole("row")).toHaveCount(6);

    await expectAccessible(page, testInfo, "documents");
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: testInfo.outputPath("documents.png"), fullPage: true });

    // The channel post, exactly as stored: hash and length as an independent tool computes them.
    await postLink.click();
    await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/documents/${postId}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("channel-post");
    await expect(page.getByTestId("text-sha256")).toHaveText(sha256(POST));
    await expect(page.getByTestId("text-length")).toHaveText(String([...POST].length));
    expect([...POST].length).toBeLessThan(POST.length);
    expect(await renderedText(page)).toBe(POST);
    await expect(page.getByTestId("text-profile").locator("[data-warning]").first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Download original" })).toHaveAttribute("href", `/api/v1/documents/${postId}/original`);

    const original = await page.request.get(`/api/v1/documents/${postId}/original`);
    expect(original.status()).toBe(200);
    expect(Buffer.from(await original.body()).equals(Buffer.from(POST_CRLF, "utf8"))).toBe(true);

    // Source metadata is edited in place and kept.
    await page.getByRole("button", { name: "Edit metadata" }).click();
    await page.getByLabel("Publisher").fill("Khorasan Monitor");
    await page.getByLabel("Source URL").fill("https://example.org/posts/1");
    await page.getByRole("button", { name: "Save metadata" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Metadata saved." })).toBeVisible();
    const source = page.getByTestId("source-metadata");
    await expect(source).toContainText("Khorasan Monitor");
    await expect(source.getByRole("link", { name: "https://example.org/posts/1" })).toHaveAttribute("rel", "noopener noreferrer");
    await page.reload();
    await expect(page.getByTestId("source-metadata")).toContainText("Khorasan Monitor");

    await expectAccessible(page, testInfo, "document");
    await page.screenshot({ path: testInfo.outputPath("document.png"), fullPage: true });

    // Full-text search finds a document by a word of its text; the UTF-16 file became the same
    // text a UTF-8 one would have, BOM and CRs gone.
    await page.getByRole("link", { name: "Documents", exact: true }).click();
    await page.getByLabel("Search the texts").fill("displaced");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/[?&]q=displaced/);
    await expect(table.locator("tbody tr")).toHaveCount(1);
    await expect(table.getByTestId("search-snippet").locator("mark")).toHaveText("displaced");
    await table.getByRole("link", { name: "kandahar-utf16" }).click();
    expect(await renderedText(page)).toBe(REPORT);
    await expect(page.getByTestId("text-sha256")).toHaveText(sha256(REPORT));
  });

  test("search, publisher filter and sorting live in the URL", async ({ page, context, account: _owner }) => {
    const projectId = await createProjectViaApi(context, "Searchable sources");
    const ids = {
      truce: await pasteViaApi(page.request, projectId, "Alpha truce note", "The negotiators agreed a fragile truce near Spin Boldak."),
      boats: await pasteViaApi(page.request, projectId, "Bravo river note", "At least 13 boats crossed the river at dawn."),
      drones: await pasteViaApi(page.request, projectId, "Charlie drone note", "Two drones were reported over the valley."),
    };
    const patch = await page.request.patch(`/api/v1/documents/${ids.boats}`, { data: { publisher: "River Watch" } });
    expect(patch.status()).toBe(200);

    await page.goto(`/projects/${projectId}/documents`);
    const table = page.getByRole("table", { name: "Documents" });
    await expect(table.getByRole("row")).toHaveCount(4);

    await page.getByLabel("Search the texts").fill("boats");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/[?&]q=boats/);
    await expect(table.getByRole("row")).toHaveCount(2);
    await expect(table.getByRole("link", { name: "Bravo river note" })).toBeVisible();
    await expect(table.getByTestId("search-snippet").locator("mark")).toHaveText("boats");

    await page.goto(`/projects/${projectId}/documents`);
    await page.getByLabel("Publisher").selectOption("River Watch");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/publisher=River\+Watch/);
    await expect(table.getByRole("row")).toHaveCount(2);
    await page.getByRole("link", { name: "Clear" }).click();
    await expect(table.getByRole("row")).toHaveCount(4);

    const titleHeader = table.getByRole("columnheader", { name: /Title/ });
    await titleHeader.getByRole("link").click();
    await expect(page).toHaveURL(/sort=title&order=asc/);
    await expect(titleHeader).toHaveAttribute("aria-sort", "ascending");
    const titles = () => table.locator("tbody tr td:first-child a").allTextContents();
    expect(await titles()).toEqual(["Alpha truce note", "Bravo river note", "Charlie drone note"]);
    await titleHeader.getByRole("link").click();
    await expect(titleHeader).toHaveAttribute("aria-sort", "descending");
    expect(await titles()).toEqual(["Charlie drone note", "Bravo river note", "Alpha truce note"]);
  });

  test("cursor pagination carries the cursor in the URL", async ({ page, context, account: _owner }) => {
    const projectId = await createProjectViaApi(context, "Many sources");
    for (let i = 0; i < 51; i++) await pasteViaApi(page.request, projectId, `Note ${String(i).padStart(2, "0")}`, `Numbered note ${i}.`);
    await page.goto(`/projects/${projectId}/documents?sort=title&order=asc`);
    const rows = page.getByRole("table", { name: "Documents" }).locator("tbody tr");
    await expect(rows).toHaveCount(50);
    await page.getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/cursor=/);
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText("Note 50");
    await expect(page.getByRole("link", { name: "Next page" })).toHaveCount(0);
    await page.getByRole("link", { name: "First page" }).click();
    await expect(rows).toHaveCount(50);
    await expect(rows.first()).toContainText("Note 00");

    // A mangled cursor is explained, with a way back.
    await page.goto(`/projects/${projectId}/documents?sort=title&cursor=not-a-cursor`);
    await expect(page.getByRole("status").filter({ hasText: "This page link is out of date" })).toBeVisible();
    await page.getByRole("link", { name: "Go to the first page" }).click();
    await expect(rows).toHaveCount(50);
  });

  test("pasting a text creates a document; pasting it again points to the existing one", async ({ page, context, account: _owner }) => {
    const projectId = await createProjectViaApi(context, "Pasted sources");
    await page.goto(`/projects/${projectId}/documents`);
    await page.getByLabel("Title").fill("Pasted statement");
    await page.getByLabel("Text", { exact: true }).fill("The ministry said nearly 400 people were evacuated.\n\nNo one was hurt.");
    await page.getByRole("button", { name: "Add text" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Created" }).getByRole("link", { name: "Pasted statement" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Documents" }).getByRole("link", { name: "Pasted statement" })).toBeVisible();

    await page.getByLabel("Title").fill("Same words, new title");
    await page.getByLabel("Text", { exact: true }).fill("The ministry said nearly 400 people were evacuated.\n\nNo one was hurt.");
    await page.getByRole("button", { name: "Add text" }).click();
    const duplicate = page.getByRole("status").filter({ hasText: "already in this project as" });
    await duplicate.getByRole("link", { name: "Pasted statement" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pasted statement");
    expect(await renderedText(page)).toBe("The ministry said nearly 400 people were evacuated.\n\nNo one was hurt.");
    // The original of a paste is the text as it was sent.
    await expect(page.getByText("pasted-text.txt")).toBeVisible();

    // An owner may delete a document without annotations.
    await page.getByRole("button", { name: "Delete document Pasted statement" }).click();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/documents$`));
    await expect(page.getByText("No documents yet")).toBeVisible();
  });

  test("a long text is shown whole in the reader, to its last character", async ({ page, context, account: _owner }) => {
    const projectId = await createProjectViaApi(context, "Long sources");
    const paragraph = (i: number) => `Paragraph ${i}: ${"the convoy was reported near the pass; ".repeat(30)}`;
    const text = `${Array.from({ length: 300 }, (_, i) => paragraph(i)).join("\n\n")}\n\nLast words 🇦🇫.`;
    expect(text.length).toBeGreaterThan(300_000);
    const documentId = await pasteViaApi(page.request, projectId, "Long report", text);
    await page.goto(`/projects/${projectId}/documents/${documentId}`);
    await expect(page.getByTestId("document-text").locator("p")).toHaveCount(text.split("\n").length);
    expect(await renderedText(page)).toBe(text);
  });

  test("non-members, viewers and other projects' URLs", async ({ page, context, browser, account: _owner }) => {
    const projectId = await createProjectViaApi(context, "Private sources");
    const otherProjectId = await createProjectViaApi(context, "Other sources");
    const documentId = await pasteViaApi(page.request, projectId, "Private note", "Only members may read this.");
    const otherDocumentId = await pasteViaApi(page.request, otherProjectId, "Other note", "A different project.");

    // Another project's document under this project's URL does not exist here.
    const crossed = await page.goto(`/projects/${projectId}/documents/${otherDocumentId}`);
    expect(crossed?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();

    const viewer = await createAccount("viewer");
    const added = await page.request.post(`/api/v1/projects/${projectId}/members`, { data: { email: viewer.email, role: "viewer" } });
    expect(added.status()).toBe(201);
    const asViewer = await signedInPage(browser, viewer);
    await asViewer.page.goto(`/projects/${projectId}/documents`);
    await expect(asViewer.page.getByRole("link", { name: "Private note" })).toBeVisible();
    await expect(asViewer.page.getByTestId("dropzone")).toHaveCount(0);
    await asViewer.page.getByRole("link", { name: "Private note" }).click();
    await expect(asViewer.page.getByRole("heading", { level: 1 })).toHaveText("Private note");
    await expect(asViewer.page.getByRole("button", { name: "Edit metadata" })).toHaveCount(0);
    await expect(asViewer.page.getByRole("button", { name: /Delete document/ })).toHaveCount(0);
    await asViewer.context.close();

    const outsider = await createAccount("outsider");
    const asOutsider = await signedInPage(browser, outsider);
    for (const path of [`/projects/${projectId}/documents`, `/projects/${projectId}/documents/${documentId}`]) {
      const response = await asOutsider.page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(asOutsider.page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
      await expect(asOutsider.page.getByText("Private note")).toHaveCount(0);
    }
    await asOutsider.context.close();
  });
});
