import { test as plainTest } from "@playwright/test";
import { createProjectViaApi, expect, test } from "./fixtures";
import { openReader, uploadText } from "./reader";

/**
 * The app works under its Content-Security-Policy: pages hydrate and respond to input, and an
 * injected inline script is refused. (Every spec also fails on any CSP violation: fixtures.ts.)
 */
test.describe("Content-Security-Policy", () => {
  test("pages hydrate and the reader opens with nothing blocked", async ({ page, context, account }) => {
    expect(account.email).toContain("@");
    const projectId = await createProjectViaApi(context, "CSP check");
    const documentId = await uploadText(context.request, projectId, "csp.txt", "The Harvand front holds 4,000 fighters.\n");
    const response = await page.goto(`/projects/${projectId}`);
    expect(response?.headers()["content-security-policy"]).toContain("'strict-dynamic'");
    await openReader(page, projectId, documentId);
    // React is running (hydrated): the shortcuts dialog opens from its button.
    await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
    await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
    await page.keyboard.press("Escape");
    await page.goto(`/projects/${projectId}/export`);
    await page.goto("/settings/tokens");
    await expect(page.getByLabel("Token name")).toBeVisible();
  });

  // Without the fixtures' violation check: this test provokes one on purpose. The attack is markup
  // injected into the page (what an XSS hole lets through): its inline handler has no nonce.
  plainTest("injected markup cannot run an inline handler", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto("/sign-in");
    const ran = await page.evaluate(async () => {
      const w = window as { injected?: boolean };
      w.injected = false;
      document.body.insertAdjacentHTML("beforeend", '<img alt="" src="/no-such-image.png" onerror="window.injected = true">');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return w.injected;
    });
    expect(ran).toBe(false);
    expect(violations.join("\n")).toMatch(/script-src/);
  });
});
