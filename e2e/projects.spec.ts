import {
  DEMO,
  DEMO_PASSWORD,
  createAccount,
  createProjectViaApi,
  expect,
  newAccount,
  signUpViaUi,
  signedInPage,
  test,
} from "./fixtures";

test.describe("projects", () => {
  test("an owner creates a project with the default labels and renames it", async ({ page }) => {
    // `account` is not used here on purpose: the owner signs up like a first-time user would.
    const owner = newAccount("creator");
    await signUpViaUi(page, owner);
    await page.getByLabel("Project name").fill("Khorasan briefings");
    await page.getByLabel("Description").fill("Attributed claims and casualty figures");
    await page.getByRole("button", { name: "Create project" }).click();

    await expect(page).toHaveURL(/\/projects\/[^/]+$/);
    await expect(page.getByRole("heading", { level: 1, name: "Khorasan briefings" })).toBeVisible();
    const labels = page.getByRole("table", { name: "Labels" });
    for (const [name, hotkey] of [["Claim", "1"], ["Entity", "2"], ["Figure", "3"]] as const) {
      const row = labels.getByRole("row").filter({ hasText: name });
      await expect(row).toHaveCount(1);
      await expect(row.locator("kbd")).toHaveText(hotkey);
    }
    await expect(page.getByRole("table", { name: "Members" }).getByRole("row").filter({ hasText: owner.email })).toContainText(
      "(you)",
    );

    await page.getByLabel("Project name").fill("Khorasan briefings 2024");
    await page.getByRole("button", { name: "Save details" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Project details saved." })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "Khorasan briefings 2024" })).toBeVisible();

    await page.getByRole("link", { name: "Projects", exact: true }).click();
    const card = page.getByRole("list", { name: "Your projects" }).getByRole("listitem").filter({ hasText: "Khorasan briefings 2024" });
    await expect(card).toContainText("owner");
    await expect(card).toContainText("1 member");
    await expect(card).toContainText("0 documents");
  });

  test("an owner adds a member, who then sees the project; a non-member gets not found", async ({ page, context, browser, account }) => {
    const member = await createAccount("member");
    const projectId = await createProjectViaApi(context, "Shared corpus", "For the whole team");
    await page.goto(`/projects/${projectId}`);

    await page.getByLabel("Email", { exact: true }).fill(member.email);
    await page.getByLabel("Role", { exact: true }).selectOption("annotator");
    await page.getByRole("button", { name: "Add member" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Added ${member.email} as annotator.` })).toBeVisible();
    const memberRow = page.getByRole("table", { name: "Members" }).getByRole("row").filter({ hasText: member.email });
    await expect(memberRow).toContainText(member.name);
    await expect(memberRow.getByLabel(`Role for ${member.email}`)).toHaveValue("annotator");

    // The member, in a browser of their own.
    const asMember = await signedInPage(browser, member);
    await asMember.page.goto("/projects");
    await asMember.page.getByRole("link", { name: /Shared corpus/ }).click();
    await expect(asMember.page).toHaveURL(new RegExp(`/projects/${projectId}$`));
    await expect(asMember.page.getByRole("heading", { level: 1, name: "Shared corpus" })).toBeVisible();
    await expect(asMember.page.getByRole("table", { name: "Members" })).toContainText(account.email);
    // Owner-only controls are not offered to an annotator.
    await expect(asMember.page.getByRole("button", { name: "Add member" })).toHaveCount(0);
    await expect(asMember.page.getByRole("button", { name: "Save details" })).toHaveCount(0);
    await expect(asMember.page.getByRole("button", { name: /^Remove/ })).toHaveCount(0);

    // Someone who is not a member: the project does not exist for them.
    const outsider = newAccount("outsider");
    const outsiderContext = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
    const outsiderPage = await outsiderContext.newPage();
    await signUpViaUi(outsiderPage, outsider);
    const response = await outsiderPage.goto(`/projects/${projectId}`);
    expect(response?.status()).toBe(404);
    await expect(outsiderPage.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
    await expect(outsiderPage.getByText("Shared corpus")).toHaveCount(0);
    await outsiderPage.getByRole("link", { name: "Back to projects" }).click();
    await expect(outsiderPage).toHaveURL(/\/projects$/);
    await outsiderContext.close();

    // The owner promotes, then removes the member; the member loses access.
    await memberRow.getByLabel(`Role for ${member.email}`).selectOption("reviewer");
    await memberRow.getByRole("button", { name: `Save role for ${member.email}` }).click();
    await expect(page.getByRole("status").filter({ hasText: `${member.email} is now reviewer.` })).toBeVisible();
    await memberRow.getByRole("button", { name: `Remove ${member.email}` }).click();
    await memberRow.getByRole("button", { name: "Yes, remove" }).click();
    await expect(page.getByRole("table", { name: "Members" }).getByRole("row").filter({ hasText: member.email })).toHaveCount(0);

    const gone = await asMember.page.goto(`/projects/${projectId}`);
    expect(gone?.status()).toBe(404);
    await asMember.context.close();
  });

  test("the last owner can neither leave nor step down", async ({ page, context, account }) => {
    const projectId = await createProjectViaApi(context, "Solo project");
    await page.goto(`/projects/${projectId}`);
    const ownRow = page.getByRole("table", { name: "Members" }).getByRole("row").filter({ hasText: account.email });

    await ownRow.getByRole("button", { name: `Remove ${account.email}` }).click();
    await expect(ownRow.getByText("Remove yourself from this project?")).toBeVisible();
    await ownRow.getByRole("button", { name: "Yes, remove" }).click();
    await expect(ownRow.getByRole("alert")).toHaveText("Cannot remove the last owner: a project must keep at least one owner");

    await ownRow.getByLabel(`Role for ${account.email}`).selectOption("viewer");
    await ownRow.getByRole("button", { name: `Save role for ${account.email}` }).click();
    await expect(ownRow.getByRole("alert").filter({ hasText: "Cannot change the role of the last owner" })).toBeVisible();

    await page.reload();
    await expect(ownRow.getByLabel(`Role for ${account.email}`)).toHaveValue("owner");
  });

  test("adding an unknown email explains what to do", async ({ page, context, account: _owner }) => {
    const projectId = await createProjectViaApi(context, "Team project");
    await page.goto(`/projects/${projectId}`);
    await page.getByLabel("Email", { exact: true }).fill("nobody-here@e2e.test");
    await page.getByRole("button", { name: "Add member" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "No account uses nobody-here@e2e.test. Ask them to sign up first, then add them.",
    );
    // The form keeps what was typed, so a typo can be fixed.
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue("nobody-here@e2e.test");
  });

  test("the demo analyst signs in and sees the demo project", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(DEMO.analyst);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/projects$/);

    const card = page.getByRole("listitem").filter({ hasText: DEMO.project });
    await expect(card).toContainText("annotator");
    await expect(card).toContainText("3 members");
    await card.getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1, name: DEMO.project })).toBeVisible();
    const members = page.getByRole("table", { name: "Members" });
    for (const email of [DEMO.owner, DEMO.analyst, DEMO.reviewer]) await expect(members).toContainText(email);
    await expect(page.getByRole("button", { name: "Add member" })).toHaveCount(0);
  });
});
