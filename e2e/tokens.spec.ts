import { expect, test } from "./fixtures";

test.describe("access tokens", () => {
  test("a token is shown once, works as a bearer token, and stops working when revoked", async ({ page, request, account }) => {
    await page.goto("/settings/tokens");
    await expect(page.getByRole("heading", { level: 1, name: "Access tokens" })).toBeVisible();
    await expect(page.getByText("You have no access tokens yet.")).toBeVisible();

    await page.getByLabel("Token name").fill("export script");
    await expect(page.getByLabel("Expires in (days)")).toHaveValue("90");
    await expect(page.getByLabel("Read only")).toBeChecked();
    await page.getByLabel("Expires in (days)").fill("30");
    await page.getByLabel("Read and write").check();
    await page.getByRole("button", { name: "Create token" }).click();

    await expect(page.getByText("you won’t see it again")).toBeVisible();
    const secretBox = page.getByRole("textbox", { name: "New token secret" });
    await expect(secretBox).toHaveValue(/^tw_[A-Za-z0-9_-]{20,}$/);
    const secret = await secretBox.inputValue();

    const row = page.getByRole("table", { name: "Access tokens" }).getByRole("row").filter({ hasText: "export script" });
    await expect(row).toContainText(secret.slice(0, 9));
    await expect(row).toContainText("Active");
    await expect(row).toContainText("Read and write");
    await expect(page.getByText(secret.slice(12))).toHaveCount(0);

    // `request` carries no browser cookies: only the token can authenticate it.
    const headers = { Authorization: `Bearer ${secret}` };
    const me = await request.get("/api/v1/me", { headers });
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ email: account.email, authenticatedVia: "token" });

    // Shown once: after a reload only the prefix remains.
    await page.reload();
    await expect(page.getByRole("textbox", { name: "New token secret" })).toHaveCount(0);
    await expect(page.locator("body")).not.toContainText(secret);

    await row.getByRole("button", { name: "Revoke export script" }).click();
    await row.getByRole("button", { name: "Yes, revoke" }).click();
    await expect(row).toContainText("Revoked");
    await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);

    const after = await request.get("/api/v1/me", { headers });
    expect(after.status()).toBe(401);
    expect(await after.json()).toEqual({
      error: { code: "unauthenticated", message: "Invalid, revoked or expired access token" },
    });
  });

  test("a token needs a name", async ({ page, account: _signedIn }) => {
    await page.goto("/settings/tokens");
    // Blank passes the browser's `required` check; the server's schema still refuses it.
    await page.getByLabel("Token name").fill("   ");
    await page.getByLabel("Expires in (days)").fill("7");
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByText("Give the token a name")).toBeVisible();
    await expect(page.getByLabel("Token name")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("textbox", { name: "New token secret" })).toHaveCount(0);
  });
});
