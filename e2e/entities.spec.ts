import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { createProjectViaApi, expect, test } from "./fixtures";

// Written for this test: two short reports naming one armed group in Latin and in Arabic script,
// with an astral character first so code points and UTF-16 offsets differ.
const REPORT_A = "𝟙 Residents said Al-Shabaab fighters left Baidoa before dawn; the council confirmed it.";
const REPORT_B = "Local radio reported that الشباب had set up a checkpoint, and Shabaab militants collected fees there.";

function span(text: string, needle: string) {
  const start = [...text.slice(0, text.indexOf(needle))].length;
  return { start, end: start + [...needle].length };
}

async function paste(request: APIRequestContext, projectId: string, title: string, text: string): Promise<string> {
  const res = await request.post(`/api/v1/projects/${projectId}/documents`, { data: { title, text } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function link(request: APIRequestContext, documentId: string, text: string, needle: string, entityId: string): Promise<string> {
  const res = await request.post(`/api/v1/documents/${documentId}/annotations`, { data: { label: "Entity", ...span(text, needle), attributes: { entityId } } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function expectAccessible(page: Page, where: string) {
  const axe = await new AxeBuilder({ page }).analyze();
  const severe = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(severe.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`), `axe on ${where}`).toEqual([]);
}

test.describe("canonical entities", () => {
  test("create one with an Arabic alias, find it by the alias, read its mentions in context, merge another into it", async ({ page, context, account: _owner }) => {
    const { request } = context;
    const projectId = await createProjectViaApi(context, "Entities in the Bay region");
    const docA = await paste(request, projectId, "Baidoa report", REPORT_A);
    const docB = await paste(request, projectId, "Radio monitoring", REPORT_B);

    await page.goto(`/projects/${projectId}/entities`);
    await expect(page.getByRole("link", { name: "Entities", exact: true })).toHaveAttribute("aria-current", "page");
    const form = page.getByRole("form", { name: "Create entity" });
    await form.getByLabel("Name").fill("Al-Shabaab");
    await form.getByLabel("Type").selectOption("armed_group");
    await form.getByLabel("Aliases").fill("الشباب\nHarakat al-Shabaab al-Mujahideen\n");
    await form.getByLabel("Wikidata id").fill("154938");
    await form.getByRole("button", { name: "Create entity" }).click();
    // The API's refusal (400) is shown beside the field it names; nothing was created.
    await expect(form.getByText("A Wikidata id looks like Q123")).toBeVisible();
    await expect(form.getByRole("alert")).toContainText("check the fields marked below");
    await form.getByLabel("Wikidata id").fill("https://www.wikidata.org/wiki/Q154938");
    await form.getByRole("button", { name: "Create entity" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Created" })).toContainText("Created Al-Shabaab");
    await expect(form.getByLabel("Name")).toHaveValue("");

    const other = await request.post(`/api/v1/projects/${projectId}/entities`, { data: { name: "Shabaab militants", aliases: ["حركة الشباب"] } });
    expect(other.status()).toBe(201);
    const second = (await other.json()) as { id: string };

    // Search by the Arabic alias: the server-side list, as a URL.
    await page.getByLabel("Search names and aliases").fill("الشباب");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/[?&]q=/);
    const table = page.getByRole("table", { name: "Entities" });
    const row = table.getByRole("row").filter({ has: page.getByRole("link", { name: "Al-Shabaab", exact: true }) });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole("list", { name: "Aliases" }).getByRole("listitem")).toHaveText(["الشباب", "Harakat al-Shabaab al-Mujahideen"]);
    await expect(row.locator("bdi[dir=auto]", { hasText: "الشباب" })).toHaveCount(1);
    await expect(row.getByRole("link", { name: "Q154938" })).toHaveAttribute("href", "https://www.wikidata.org/wiki/Q154938");
    const entityId = (await row.getAttribute("data-entity-id"))!;

    const a = await link(request, docA, REPORT_A, "Al-Shabaab", entityId);
    const b = await link(request, docB, REPORT_B, "الشباب", entityId);
    await link(request, docB, REPORT_B, "Shabaab militants", second.id);

    await row.getByRole("link", { name: "Al-Shabaab", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Al-Shabaab" })).toBeVisible();
    await expect(page.getByText("2 mentions in 2 documents")).toBeVisible();
    const groups = page.locator("[data-document-id]");
    await expect(groups).toHaveCount(2);
    await expect(groups.nth(0)).toHaveAttribute("data-document-id", docA);
    await expect(groups.nth(1)).toHaveAttribute("data-document-id", docB);
    await expect(groups.nth(0).getByRole("heading")).toContainText("Baidoa report");
    const first = groups.nth(0).getByRole("listitem");
    await expect(first).toHaveCount(1);
    await expect(first.locator("mark")).toHaveText("Al-Shabaab");
    await expect(first.getByRole("link")).toContainText("𝟙 Residents said Al-Shabaab fighters left Baidoa before dawn; the council confirmed it.");
    await expect(first.getByRole("link")).toHaveAttribute("href", `/projects/${projectId}/documents/${docA}?annotation=${a}`);
    const arabic = groups.nth(1).getByRole("listitem");
    await expect(arabic.locator("mark")).toHaveText("الشباب");
    await expect(arabic.getByRole("link")).toContainText("Local radio reported that الشباب had set up a checkpoint");
    await expect(arabic.getByRole("link")).toHaveAttribute("href", `/projects/${projectId}/documents/${docB}?annotation=${b}`);
    await expectAccessible(page, "the entity page");
    await page.screenshot({ path: "/tmp/entities-entity.png", fullPage: true });

    // Merge the second entity into this one from the list, after reading what will move.
    await page.getByRole("link", { name: "Entities", exact: true }).first().click();
    await expect(table.getByRole("row")).toHaveCount(3);
    await table.getByRole("checkbox", { name: "Select Shabaab militants" }).check();
    await table.getByRole("checkbox", { name: "Select Al-Shabaab" }).check();
    await page.getByRole("button", { name: "Merge into…" }).click();
    await page.getByRole("radio", { name: "Al-Shabaab" }).check();
    await expect(page.getByTestId("merge-summary")).toContainText("Shabaab militants and its aliases حركة الشباب become its aliases");
    await expect(page.getByTestId("merge-summary")).toContainText("1 mention, which will count for it");
    await expectAccessible(page, "the entity list while merging");
    await page.screenshot({ path: "/tmp/entities-merge.png", fullPage: true });
    await page.getByRole("button", { name: "Merge 1 entity into Al-Shabaab" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Merged" })).toContainText("Merged Shabaab militants into Al-Shabaab.");
    await expect(table.getByRole("row")).toHaveCount(2);
    const merged = table.getByRole("row").filter({ has: page.getByRole("link", { name: "Al-Shabaab", exact: true }) });
    await expect(merged.getByRole("list", { name: "Aliases" }).getByRole("listitem")).toHaveText([
      "الشباب",
      "Harakat al-Shabaab al-Mujahideen",
      "Shabaab militants",
      "حركة الشباب",
    ]);
    await expect(merged.getByRole("cell").last()).toHaveText("3");
    await page.screenshot({ path: "/tmp/entities-list.png", fullPage: true });

    // The merged entity's page sends its reader on.
    await page.goto(`/projects/${projectId}/entities/${second.id}`);
    const notice = page.getByRole("status").filter({ hasText: "Merged into" });
    await expect(notice).toContainText("Merged into Al-Shabaab");
    await expect(notice.getByRole("link", { name: "Al-Shabaab", exact: true })).toHaveAttribute("href", `/projects/${projectId}/entities/${entityId}`);
    await page.screenshot({ path: "/tmp/entities-merged.png", fullPage: true });
  });

  test("deleting an entity that annotations link to is refused with the API's reason", async ({ page, context, account: _owner }) => {
    const { request } = context;
    const projectId = await createProjectViaApi(context, "Entity deletion");
    const doc = await paste(request, projectId, "Baidoa report", REPORT_A);
    const made = await request.post(`/api/v1/projects/${projectId}/entities`, { data: { name: "Baidoa", type: "location" } });
    const { id } = (await made.json()) as { id: string };
    await link(request, doc, REPORT_A, "Baidoa", id);

    await page.goto(`/projects/${projectId}/entities/${id}`);
    await page.getByRole("button", { name: "Delete entity" }).click();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("1 annotation links to this entity; unlink or merge it instead");

    await page.getByRole("button", { name: "Edit entity" }).click();
    await page.getByLabel("Aliases").fill("بيدوا");
    await page.getByRole("button", { name: "Save entity" }).click();
    await expect(page.getByRole("list", { name: "Aliases" })).toHaveText("بيدوا");
  });
});
