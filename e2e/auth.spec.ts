import { createAccount, expect, newAccount, signUpViaUi, test } from "./fixtures";

test.describe("sign-up, sign-in and sign-out", () => {
  test("a new user signs up, signs out and signs in again through the UI", async ({ page }) => {
    const account = newAccount("signup");
    await signUpViaUi(page, account);
    await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
    await expect(page.getByRole("banner")).toContainText(account.email);
    await expect(page.getByText("No projects yet")).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/projects");
    await expect(page).toHaveURL(/\/sign-in$/);

    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/projects$/);
    await expect(page.getByRole("banner")).toContainText(account.email);
  });

  test("a wrong password shows an error and keeps the user on the sign-in page", async ({ page }) => {
    const account = await createAccount("wrongpw");
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password");
    await expect(page).toHaveURL(/\/sign-in$/);
    expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  });

  test("sign-up shows what is wrong next to the form", async ({ page }) => {
    const existing = await createAccount("taken");
    await page.goto("/sign-up");
    await page.getByLabel("Name").fill("Someone");
    await page.getByLabel("Email").fill(existing.email);
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Password must have at least 12 characters")).toBeVisible();
    await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Password").fill("long-enough-password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(`An account with ${existing.email} already exists`);
    await expect(page).toHaveURL(/\/sign-up$/);
  });

  test("the sign-out page signs the user out", async ({ page, account }) => {
    await page.goto("/sign-out");
    await expect(page.getByText(`You are signed in as ${account.email}.`)).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  });

  test("signed-out visitors are sent to the sign-in page", async ({ page }) => {
    for (const path of ["/", "/projects", "/settings/tokens", "/projects/some-project-id"]) {
      await page.goto(path);
      await expect(page, `visiting ${path}`).toHaveURL(/\/sign-in$/);
    }
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await page.getByRole("link", { name: "Create one" }).click();
    await expect(page).toHaveURL(/\/sign-up$/);
  });
});

test("repeated wrong passwords are throttled, and the form says for how long", async ({ page }) => {
  const account = await createAccount("throttled");
  // Six failures lock the account for a minute (lib/auth/throttle.ts).
  for (let attempt = 0; attempt < 6; attempt++) {
    const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await page.request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: account.email, password: "wrong-password", json: "true" },
    });
  }
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(/^Too many failed sign-ins\. Try again in \d+ seconds\.$/);
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("an unknown address shows the not-found page with status 404", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
});

test("sign-in follows a same-site callbackUrl and ignores others", async ({ page }) => {
  const account = await createAccount("callback");
  await page.goto("/sign-in?callbackUrl=%2Fsettings%2Ftokens");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/sign-in?callbackUrl=%2F%2Fevil.example%2Fphish");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/localhost:\d+\/projects$/);
});
