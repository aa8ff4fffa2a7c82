import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

export { expect };

const ROOT = path.resolve(import.meta.dirname, "..");
const run = promisify(execFile);

export const DEMO_PASSWORD = "tracewell-demo";
export const DEMO = {
  owner: "owner@demo.local",
  analyst: "analyst@demo.local",
  reviewer: "reviewer@demo.local",
  project: "Demo: regional security briefings",
} as const;

export interface Account {
  name: string;
  email: string;
  password: string;
}

/** A fresh, unique account description (not yet created). */
export function newAccount(prefix = "user"): Account {
  const id = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  return { name: `${prefix[0]!.toUpperCase()}${prefix.slice(1)} ${id}`, email: `${prefix}-${id}@e2e.test`, password: `pw-${id}-secret` };
}

/** Creates the account with the CLI, against the database of the server under test. */
export async function createAccount(prefix = "user"): Promise<Account> {
  const account = newAccount(prefix);
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error("E2E_DATA_DIR is not set: the global setup starts the server and sets it");
  await run(
    process.execPath,
    [path.join(ROOT, "bin/tracewell.mjs"), "user", "create", "--email", account.email, "--password", account.password, "--name", account.name],
    { cwd: ROOT, env: { ...process.env, TRACEWELL_DATA_DIR: dataDir, DATABASE_URL: "" } },
  );
  return account;
}

/**
 * Signs a browser context in the way the sign-in form does, minus the form: next-auth's CSRF
 * token, then the credentials callback. The session cookie lands in the context.
 */
export async function signInViaApi(context: BrowserContext, account: Pick<Account, "email" | "password">): Promise<void> {
  const { csrfToken } = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await context.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: account.email, password: account.password, json: "true", callbackUrl: "/projects" },
  });
  expect(res.ok(), `sign-in callback answered ${res.status()}`).toBe(true);
  const me = await context.request.get("/api/v1/me");
  expect(me.status(), `signing in as ${account.email} did not create a session`).toBe(200);
}

/** A new browser context signed in as `account`, with its page; close the context when done. */
export async function signedInPage(browser: Browser, account: Pick<Account, "email" | "password">): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  await signInViaApi(context, account);
  return { context, page: await context.newPage() };
}

export async function signUpViaUi(page: Page, account: Account): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/projects$/);
}

/** Creates a project through the API with the context's session; returns its id. */
export async function createProjectViaApi(context: BrowserContext, name: string, description = ""): Promise<string> {
  const res = await context.request.post("/api/v1/projects", { data: { name, description } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/**
 * `account`: a fresh user (created with the CLI) whose session is already in `page`'s context.
 * Every test also fails on an uncaught error in the page (a crash or a hydration mismatch) and on
 * anything the Content-Security-Policy blocked.
 */
export const test = base.extend<{ account: Account; pageErrors: void }>({
  account: async ({ context }, use) => {
    const account = await createAccount("owner");
    await signInViaApi(context, account);
    await use(account);
  },
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (event) => {
          console.error(`Content Security Policy violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`);
        });
      });
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("console", (message) => {
        // Content-Security-Policy (lib/http/security-headers.ts): the app must work under it, so
        // anything it blocks fails the test.
        if (message.type() === "error" && /hydrat|Content Security Policy/i.test(message.text())) errors.push(message.text());
      });
      await use();
      expect(errors, "uncaught errors in the page").toEqual([]);
    },
    { auto: true },
  ],
});
