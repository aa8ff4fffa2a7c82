import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page, TestInfo } from "@playwright/test";
import { createAccount, createProjectViaApi, expect, signedInPage, test, type Account } from "./fixtures";
import { codePointsOf, createAnnotation } from "./reader";

const TEXT = "Officials near Kunar said 👩‍👩‍👧 families fled; the Monitoring Team counted 4,000.";

async function expectAccessible(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const summary = severe.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
  expect(summary, `axe violations on ${name}`).toEqual([]);
}

async function paste(request: APIRequestContext, projectId: string, title: string): Promise<string> {
  const res = await request.post(`/api/v1/projects/${projectId}/documents`, { data: { title, text: `${TEXT} (${title})` } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function addMember(request: APIRequestContext, projectId: string, account: Account, role: string): Promise<string> {
  const res = await request.post(`/api/v1/projects/${projectId}/members`, { data: { email: account.email, role } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { userId: string }).userId;
}

async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

test.describe("assignments", () => {
  test("an owner assigns two documents from the list; the annotator finds them under Your work and in the filtered list", async ({
    page,
    context,
    browser,
    account: _owner,
  }, testInfo) => {
    const projectId = await createProjectViaApi(context, "Assigned sources");
    const [annotator, reviewer, leaver] = await Promise.all([createAccount("annotator"), createAccount("reviewer"), createAccount("leaver")]);
    await addMember(page.request, projectId, annotator, "annotator");
    await addMember(page.request, projectId, reviewer, "reviewer");
    const leaverId = await addMember(page.request, projectId, leaver, "annotator");
    await paste(page.request, projectId, "Alpha report");
    await paste(page.request, projectId, "Bravo report");
    const started = await paste(page.request, projectId, "Charlie report");
    await createAnnotation(page.request, started, { label: "Claim", ...codePointsOf(TEXT, "families fled") });

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/projects/${projectId}/documents`);
    const table = page.getByRole("table", { name: "Documents" });
    const row = (title: string) => table.getByRole("row").filter({ has: page.getByRole("link", { name: title, exact: true }) });
    await expect(row("Alpha report").locator("[data-state]")).toHaveText(/Not started/);
    await expect(row("Charlie report").locator("[data-state]")).toHaveText(/In progress/);

    const bar = page.getByRole("region", { name: "Assign documents" });
    const assign = bar.getByRole("button", { name: /^Assign/ });
    await expect(assign).toBeDisabled();
    // "Select all on this page" selects every row, and clears them again.
    await bar.getByLabel("Select all on this page").check();
    await expect(bar.getByTestId("selected-count")).toHaveText("3 documents selected");
    await bar.getByLabel("Select all on this page").uncheck();
    await expect(bar.getByTestId("selected-count")).toHaveText("None selected");

    await row("Alpha report").getByRole("checkbox", { name: "Select Alpha report" }).check();
    await row("Bravo report").getByRole("checkbox", { name: "Select Bravo report" }).check();
    await expect(bar.getByTestId("selected-count")).toHaveText("2 documents selected");

    // A member who left after the page loaded: the API's refusal is shown as it is written.
    const removed = await page.request.delete(`/api/v1/projects/${projectId}/members/${leaverId}`);
    expect(removed.status()).toBe(204);
    const picker = bar.locator("details");
    await picker.locator("summary").click();
    const annotators = bar.getByRole("group", { name: "Annotators" });
    await annotators.getByLabel(leaver.name).check();
    await page.keyboard.press("Escape");
    await expect(annotators).toBeHidden();
    await assign.click();
    await expect(bar.getByRole("alert")).toContainText(`${leaver.name} is not a member of this project`);

    // The real assignment, chosen with the keyboard where a mouse is not needed.
    await picker.locator("summary").focus();
    await page.keyboard.press("Enter");
    await annotators.getByLabel(leaver.name).uncheck();
    await annotators.getByLabel(annotator.name).check();
    await screenshot(page, testInfo, "documents-picker");
    await page.keyboard.press("Escape");
    await expect(picker.locator("summary")).toContainText(annotator.name);
    await bar.getByLabel("Reviewer", { exact: true }).selectOption({ label: reviewer.name });
    await screenshot(page, testInfo, "documents-bulk-bar");
    await expect(assign).toHaveText("Assign 2 documents");
    await assign.click();
    await expect(bar.getByRole("status").filter({ hasText: "Assigned 2 documents" })).toContainText(reviewer.name);

    for (const title of ["Alpha report", "Bravo report"]) {
      await expect(row(title).getByTestId("assignees")).toContainText(`Annotating: ${annotator.name}`);
      await expect(row(title).getByTestId("assignees")).toContainText(`Reviewing: ${reviewer.name}`);
      await expect(row(title).getByRole("checkbox")).not.toBeChecked();
    }
    await expect(row("Charlie report").getByTestId("assignees")).toHaveCount(0);
    await expect(row("Charlie report")).toContainText("Not assigned");
    await expectAccessible(page, "documents list");
    await screenshot(page, testInfo, "documents");

    // The annotator lands on /projects and finds both documents first, waiting for them.
    const asAnnotator = await signedInPage(browser, annotator);
    await asAnnotator.page.setViewportSize({ width: 1280, height: 900 });
    await asAnnotator.page.goto("/projects");
    const work = asAnnotator.page.getByRole("region", { name: "Your work" });
    await expect(work).toContainText("2 waiting for you, of 2 assigned to you.");
    const workTable = work.getByRole("table", { name: "Your work" });
    await expect(workTable.locator("tbody tr")).toHaveCount(2);
    for (const title of ["Alpha report", "Bravo report"]) {
      const item = workTable.getByRole("row").filter({ hasText: title });
      await expect(item).toContainText("Assigned sources");
      await expect(item).toContainText("Not started");
      await expect(item).toContainText("annotate");
      await expect(item).toContainText("waiting for you");
    }
    await expect(work.getByRole("list", { name: "Your documents by state" })).toContainText("Not started2");
    await expectAccessible(asAnnotator.page, "your work");
    await screenshot(asAnnotator.page, testInfo, "your-work");

    // The list filtered by state shows them, and the filter is removed from its chip.
    await asAnnotator.page.goto(`/projects/${projectId}/documents?state=not_started`);
    const filtered = asAnnotator.page.getByRole("table", { name: "Documents" });
    await expect(filtered.locator("tbody tr")).toHaveCount(2);
    await expect(filtered).toContainText("Alpha report");
    await expect(filtered).toContainText("Bravo report");
    await expect(asAnnotator.page.getByLabel("State")).toHaveValue("not_started");
    await screenshot(asAnnotator.page, testInfo, "documents-filtered");
    // Not an owner: no bulk assignment.
    await expect(asAnnotator.page.getByRole("region", { name: "Assign documents" })).toHaveCount(0);
    await expect(filtered.getByRole("checkbox")).toHaveCount(0);
    await asAnnotator.page.getByRole("link", { name: "Remove filter State: Not started" }).click();
    await expect(filtered.locator("tbody tr")).toHaveCount(3);

    // From a title in Your work to the document.
    await asAnnotator.page.goto("/projects");
    await work.getByRole("link", { name: "Alpha report" }).click();
    await expect(asAnnotator.page.getByRole("heading", { level: 1 })).toHaveText("Alpha report");
    await asAnnotator.context.close();
  });

  test("Your work says what it will hold, and stays short until asked for all", async ({ page, context, account: _owner }, testInfo) => {
    await page.goto("/projects");
    const work = page.getByRole("region", { name: "Your work" });
    await expect(work).toContainText("Documents an owner assigns to you, to annotate or to review, will be listed here");
    await expect(work.getByRole("table")).toHaveCount(0);
    await screenshot(page, testInfo, "your-work-empty");

    // An owner may annotate too: nine documents assigned to themselves.
    const projectId = await createProjectViaApi(context, "Long queue");
    const me = (await (await page.request.get("/api/v1/me")).json()) as { id: string };
    const documentIds: string[] = [];
    for (let i = 1; i <= 9; i++) documentIds.push(await paste(page.request, projectId, `Queue item ${i}`));
    const res = await page.request.put(`/api/v1/projects/${projectId}/assignees`, { data: { documentIds, annotators: [me.id], reviewer: me.id } });
    expect(res.status(), await res.text()).toBe(200);
    await page.goto("/projects");
    const rows = work.getByRole("table", { name: "Your work" }).locator("tbody tr");
    await expect(rows).toHaveCount(8);
    await expect(rows.first()).toContainText("annotate, review");
    await work.getByRole("link", { name: "Show all 9" }).click();
    await expect(page).toHaveURL(/[?&]work=all/);
    await expect(rows).toHaveCount(9);
    await work.getByRole("link", { name: "Show fewer" }).click();
    await expect(rows).toHaveCount(8);
  });
});
