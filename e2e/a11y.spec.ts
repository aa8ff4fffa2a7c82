import AxeBuilder from "@axe-core/playwright";
import type { Page, TestInfo } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, createProjectViaApi, expect, signInViaApi, test } from "./fixtures";

/** Fails on serious or critical axe violations, listing each rule and the elements it hit. */
async function expectAccessible(page: Page, testInfo: TestInfo, name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const summary = severe.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  expect(summary, `axe violations on ${name}`).toEqual([]);
}

test.describe("accessibility (axe: no serious or critical violations)", () => {
  test("sign-in and sign-up pages", async ({ page }, testInfo) => {
    await page.goto("/sign-in");
    await expectAccessible(page, testInfo, "sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
    await expectAccessible(page, testInfo, "sign-in-error");
    await page.goto("/sign-up");
    await expectAccessible(page, testInfo, "sign-up");
  });

  test("projects list, project page and tokens page", async ({ page, context, account }, testInfo) => {
    const projectId = await createProjectViaApi(context, "Accessible project", "Checked with axe");
    await page.goto("/projects");
    await expectAccessible(page, testInfo, "projects");
    await page.goto(`/projects/${projectId}`);
    await expect(page.getByRole("table", { name: "Members" })).toContainText(account.email);
    await expectAccessible(page, testInfo, "project-owner");
    await page.getByRole("button", { name: `Remove ${account.email}` }).click();
    await expectAccessible(page, testInfo, "project-confirm-remove");
    await page.goto("/settings/tokens");
    await page.getByLabel("Token name").fill("axe");
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByRole("textbox", { name: "New token secret" })).toBeVisible();
    await expectAccessible(page, testInfo, "tokens");
  });

  test("the demo project as a reviewer, and the not-found page", async ({ page, context }, testInfo) => {
    await signInViaApi(context, { email: DEMO.reviewer, password: DEMO_PASSWORD });
    await page.goto("/projects");
    await page.getByRole("link", { name: new RegExp(DEMO.project) }).click();
    await expect(page.getByRole("heading", { level: 1, name: DEMO.project })).toBeVisible();
    await expectAccessible(page, testInfo, "project-reviewer");
    await page.goto("/projects/not-a-project");
    await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
    await expectAccessible(page, testInfo, "not-found");
  });
});
