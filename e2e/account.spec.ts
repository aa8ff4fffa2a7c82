import { createAccount, expect, signInViaApi, test } from "./fixtures";

/** The account page in the browser: a password change and "sign out everywhere" end every session. */
test.describe("account", () => {
  test("changing the password signs out this browser and another; the new password works", async ({ page, browser }) => {
    const account = await createAccount("pw");
    await signInViaApi(page.context(), account);
    const other = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
    await signInViaApi(other, account);

    await page.goto("/settings/account");
    await page.getByLabel("Current password").fill(account.password);
    await page.getByLabel("New password").fill(`${account.password}-renewed`);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    expect((await page.context().request.get("/api/v1/me")).status()).toBe(401);
    expect((await other.request.get("/api/v1/me")).status()).toBe(401);
    await other.close();
    await signInViaApi(page.context(), { email: account.email, password: `${account.password}-renewed` });
  });

  test("sign out everywhere ends the other browser's session too", async ({ page, browser }) => {
    const account = await createAccount("everywhere");
    await signInViaApi(page.context(), account);
    const other = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
    await signInViaApi(other, account);

    await page.goto("/settings/account");
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    expect((await other.request.get("/api/v1/me")).status()).toBe(401);
    await other.close();
  });
});
