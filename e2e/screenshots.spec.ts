import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { DEMO, DEMO_PASSWORD, expect, signInViaApi, test } from "./fixtures";

// Pictures of the main pages for a human to look at (test-results/…). With E2E_DOCS_SCREENSHOT=1
// the project page also replaces docs/screenshot.png, the README's picture.
test("screenshots of the main pages", async ({ page, context }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/sign-in");
  await page.screenshot({ path: testInfo.outputPath("sign-in.png") });

  await signInViaApi(context, { email: DEMO.owner, password: DEMO_PASSWORD });
  await page.goto("/projects");
  await expect(page.getByRole("listitem").filter({ hasText: DEMO.project })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("projects.png") });

  await page.getByRole("link", { name: new RegExp(DEMO.project) }).click();
  await expect(page.getByRole("table", { name: "Members" })).toContainText(DEMO.reviewer);
  const projectShot = testInfo.outputPath("project.png");
  await page.screenshot({ path: projectShot, fullPage: true });
  if (process.env.E2E_DOCS_SCREENSHOT === "1") {
    const target = path.resolve(import.meta.dirname, "../docs/screenshot.png");
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(projectShot, target);
  }
});
