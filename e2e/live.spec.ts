import { copyFileSync } from "node:fs";
import path from "node:path";
import { DEMO, DEMO_PASSWORD, createAccount, createProjectViaApi, expect, signedInPage, test } from "./fixtures";
import { codePointsOf, createAnnotation, dragSelect, highlight, listAnnotations, openReader, uploadText } from "./reader";

// Written here: a short field report with a few spans worth tagging.
const REPORT = [
  "Field report, river crossing.",
  "",
  "Observers counted about 300 people at the ford before noon.",
  "The district council said the bridge would reopen on Monday.",
].join("\n");

async function patch(request: import("@playwright/test").APIRequestContext, id: string, data: Record<string, unknown>) {
  const res = await request.patch(`/api/v1/annotations/${id}`, { data });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as { version: number };
}

test.describe("live collaboration", () => {
  test("two people on two browsers see each other's changes and presence without reloading", async ({ page, context, browser, account: _owner }) => {
    const projectId = await createProjectViaApi(context, "Live together");
    const colleague = await createAccount("colleague");
    expect((await page.request.post(`/api/v1/projects/${projectId}/members`, { data: { email: colleague.email, role: "annotator" } })).status()).toBe(201);
    const documentId = await uploadText(page.request, projectId, "report.txt", REPORT);
    // Every view of the page (highlights, list, panel, presence) follows one shared stream.
    const streams: string[] = [];
    page.on("request", (request) => {
      if (/\/events(\?|$)/.test(new URL(request.url()).pathname + "?")) streams.push(request.url());
    });
    await openReader(page, projectId, documentId);
    const other = await signedInPage(browser, colleague);
    try {
      await openReader(other.page, projectId, documentId);
      await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
      await expect(other.page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");

      // Presence: each sees the other's avatar.
      await expect(page.getByRole("group", { name: `Also here: ${colleague.name}` })).toBeVisible();
      await expect(other.page.getByRole("group", { name: /^Also here: / })).toBeVisible();
      expect(streams.map((url) => new URL(url).pathname)).toEqual([`/api/v1/documents/${documentId}/events`]);

      // The colleague tags in their browser (select, press the Entity key); it appears here, once.
      await dragSelect(other.page, REPORT, "district", "council");
      await other.page.keyboard.press("2");
      await expect.poll(async () => (await listAnnotations(page.request, documentId)).length).toBe(1);
      const [tagged] = await listAnnotations(page.request, documentId);
      await expect(highlight(page, tagged!.id).first()).toBeVisible();
      await expect(page.getByTestId("annotation-count")).toHaveText("1");
      await expect(page.locator(`[data-annotation-row="${tagged!.id}"]`)).toContainText(colleague.name);
      // …and in the colleague's own reader it is still one highlight (the echo is the same annotation).
      await other.page.waitForTimeout(500);
      await expect(other.page.locator(`[data-annotation-id="${tagged!.id}"]`)).toHaveCount(1);
      await expect(other.page.getByTestId("annotation-count")).toHaveText("1");

      // Relabel, delete and restore here, in the reader; the colleague sees each.
      const panel = page.getByTestId("annotation-panel");
      await highlight(page, tagged!.id).first().click();
      await panel.getByLabel("Label").selectOption({ label: "Claim (1)" });
      await expect(other.page.locator(`[data-annotation-row="${tagged!.id}"]`)).toContainText("Claim");
      // For a moment the changed highlight carries its author's initials.
      await expect(other.page.locator(".tw-author-badge")).toBeAttached();
      await panel.getByRole("button", { name: "Delete annotation" }).click();
      await expect(highlight(other.page, tagged!.id)).toHaveCount(0);
      await expect(other.page.getByTestId("annotation-count")).toHaveText("0");
      await page.getByRole("button", { name: "Undo" }).click();
      await expect(highlight(other.page, tagged!.id).first()).toBeVisible();
      await expect.poll(async () => (await listAnnotations(page.request, documentId)).map((a) => [a.label.name, a.version])).toEqual([["Claim", 4]]);

      // An open panel shows who changed its annotation.
      await highlight(other.page, tagged!.id).first().click();
      await patch(page.request, tagged!.id, { version: 4, attributes: { reporting: "reported" } });
      await expect(other.page.getByTestId("changed-by")).toContainText(/^Changed by /);

      // The colleague's selection shows here as a caret with their name.
      await dragSelect(other.page, REPORT, "about", "300");
      await expect(page.locator(".tw-presence-caret", { hasText: colleague.name })).toBeVisible();

      // The colleague leaves: gone from the presence bar within seconds.
      await other.context.close();
      await expect(page.getByRole("group", { name: /^Also here: / })).toHaveCount(0, { timeout: 10_000 });
    } finally {
      await other.context.close().catch(() => {});
    }
  });

  test("unsaved input survives a colleague's change: apply it on top, or discard it", async ({ page, context, browser, account: _owner }) => {
    const projectId = await createProjectViaApi(context, "Live conflict");
    const documentId = await uploadText(page.request, projectId, "report.txt", REPORT);
    const figure = await createAnnotation(page.request, documentId, { label: "Figure", ...codePointsOf(REPORT, "about 300 people") });
    const other = await signedInPage(browser, (await addOwner(page.request, projectId)).account);
    try {
      await openReader(page, projectId, documentId);
      await highlight(page, figure.id).click();
      const panel = page.getByTestId("annotation-panel");
      // (The span's own words gave it the unit "people": type something else.)
      await panel.getByLabel("Unit").fill("villagers");
      // Someone else changes the same annotation meanwhile.
      const changed = await other.page.request.patch(`/api/v1/annotations/${figure.id}`, { data: { version: 1, attributes: { value: 300, qualifier: "approximately", unit: "persons" } } });
      expect(changed.status()).toBe(200);
      await expect(panel.getByTestId("edit-conflict")).toBeVisible();
      await expect(panel.getByLabel("Unit")).toHaveValue("villagers");
      await panel.getByRole("button", { name: "Apply mine on top" }).click();
      await expect.poll(async () => (await listAnnotations(page.request, documentId))[0]?.attributes).toMatchObject({ unit: "villagers" });
      await expect.poll(async () => (await listAnnotations(page.request, documentId))[0]?.version).toBe(3);
      await expect(panel.getByTestId("edit-conflict")).toHaveCount(0);

      // Again, and this time discard: theirs stays.
      await panel.getByLabel("Unit").fill("boats");
      const theirs = await other.page.request.patch(`/api/v1/annotations/${figure.id}`, { data: { version: 3, attributes: { value: 300, unit: "residents" } } });
      expect(theirs.status()).toBe(200);
      await expect(panel.getByTestId("edit-conflict")).toBeVisible();
      await panel.getByRole("button", { name: "Discard mine" }).click();
      await expect(panel.getByTestId("edit-conflict")).toHaveCount(0);
      await expect(panel.getByLabel("Unit")).toHaveValue("residents");
      expect((await listAnnotations(page.request, documentId))[0]?.attributes).toMatchObject({ unit: "residents" });
    } finally {
      await other.context.close();
    }
  });

  test("offline: the reader says so and refuses writes; back online it catches up with everything", async ({ page, context, browser, account: _owner }) => {
    const projectId = await createProjectViaApi(context, "Live offline");
    const documentId = await uploadText(page.request, projectId, "report.txt", REPORT);
    const colleague = await addOwner(page.request, projectId);
    const other = await signedInPage(browser, colleague.account);
    try {
      await openReader(page, projectId, documentId);
      await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
      await context.setOffline(true);
      await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "offline");

      // Tagging while offline is refused, with the reason.
      await dragSelect(page, REPORT, "bridge");
      await page.keyboard.press("2");
      await expect(page.getByRole("alert").filter({ hasText: "You are offline" })).toBeVisible();

      // Meanwhile the colleague changes things.
      const made = [];
      for (const needle of ["Observers", "the ford", "Monday"]) made.push(await createAnnotation(other.page.request, documentId, { label: "Entity", ...codePointsOf(REPORT, needle) }));
      expect((await other.page.request.delete(`/api/v1/annotations/${made[1]!.id}?version=1`)).status()).toBe(204);

      await context.setOffline(false);
      await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live", { timeout: 15_000 });
      await expect(highlight(page, made[0]!.id)).toBeVisible();
      await expect(highlight(page, made[2]!.id)).toBeVisible();
      await expect(highlight(page, made[1]!.id)).toHaveCount(0);
      await expect(page.getByTestId("annotation-count")).toHaveText("2");
    } finally {
      await other.context.close();
    }
  });

  test("the project's document list shows who works where and counts changing", async ({ page, context, browser, account: _owner }) => {
    const projectId = await createProjectViaApi(context, "Live list");
    const documentId = await uploadText(page.request, projectId, "report.txt", REPORT);
    const colleague = await addOwner(page.request, projectId);
    await page.goto(`/projects/${projectId}/documents`);
    const count = page.locator(`[data-testid="live-count"][data-document-id="${documentId}"]`);
    await expect(count).toHaveText("0");
    const other = await signedInPage(browser, colleague.account);
    try {
      await openReader(other.page, projectId, documentId);
      await expect(page.locator(`[data-testid="live-people"][data-document-id="${documentId}"]`)).toContainText(colleague.account.name);
      await createAnnotation(other.page.request, documentId, { label: "Entity", ...codePointsOf(REPORT, "Observers") });
      await createAnnotation(other.page.request, documentId, { label: "Entity", ...codePointsOf(REPORT, "the ford") });
      await expect(count).toHaveText("2");
    } finally {
      await other.context.close();
    }
  });
});

async function addOwner(request: import("@playwright/test").APIRequestContext, projectId: string) {
  const account = await createAccount("colleague");
  const res = await request.post(`/api/v1/projects/${projectId}/members`, { data: { email: account.email, role: "owner" } });
  expect(res.status()).toBe(201);
  return { account };
}

// The README's picture of live collaboration (docs/live.png with E2E_DOCS_SCREENSHOT=1): the demo
// analyst and reviewer on one document, each seeing the other's avatar, selection and new highlight.
test("screenshot of two readers side by side", async ({ browser }, testInfo) => {
  const analyst = await signedInPage(browser, { email: DEMO.analyst, password: DEMO_PASSWORD });
  const reviewer = await signedInPage(browser, { email: DEMO.reviewer, password: DEMO_PASSWORD });
  try {
    const projects = (await (await analyst.page.request.get("/api/v1/projects")).json()) as { projects: { id: string; name: string }[] };
    const projectId = projects.projects.find((p) => p.name === DEMO.project)!.id;
    const found = (await (await analyst.page.request.get(`/api/v1/projects/${projectId}/documents?q=Ostrana`)).json()) as { documents: { id: string; title: string }[] };
    const documentId = found.documents.find((d) => d.title.startsWith("Observers Warn"))!.id;
    const { text } = (await (await analyst.page.request.get(`/api/v1/documents/${documentId}`)).json()) as { text: string };
    for (const { page } of [analyst, reviewer]) {
      await page.setViewportSize({ width: 1120, height: 760 });
      await openReader(page, projectId, documentId);
      await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
    }
    await expect(analyst.page.getByRole("group", { name: /^Also here: / })).toBeVisible();
    await dragSelect(reviewer.page, text, "Black Mountain Front");
    await expect(analyst.page.locator(".tw-presence-caret")).toBeVisible();
    const made = await createAnnotation(analyst.page.request, documentId, { label: "Entity", ...codePointsOf(text, "Provisional Council") });
    await expect(highlight(reviewer.page, made.id).first()).toBeVisible();

    const shots = [];
    for (const { page } of [analyst, reviewer]) shots.push((await page.screenshot()).toString("base64"));
    const sheet = await browser.newPage({ viewport: { width: 2272, height: 800 } });
    await sheet.setContent(
      `<body style="margin:0;display:flex;gap:16px;background:#cbd5e1;padding:8px">${shots
        .map((b64, i) => `<figure style="margin:0"><img src="data:image/png;base64,${b64}" width="1120" height="760" alt=""><figcaption style="font:13px system-ui;padding:4px">${i ? "Reviewer’s browser" : "Analyst’s browser"}</figcaption></figure>`)
        .join("")}</body>`,
    );
    const shot = testInfo.outputPath("live.png");
    await sheet.screenshot({ path: shot });
    await sheet.close();
    if (process.env.E2E_DOCS_SCREENSHOT === "1") copyFileSync(shot, path.resolve(import.meta.dirname, "../docs/live.png"));
  } finally {
    await analyst.context.close();
    await reviewer.context.close();
  }
});
