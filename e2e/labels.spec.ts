import { DEMO, DEMO_PASSWORD, createProjectViaApi, expect, signedInPage, test } from "./fixtures";
import { dragSelect, highlight, listAnnotations, openReader, uploadText } from "./reader";

const TEXT = "The Harvand Border Monitor counted 80 checkpoints along the river.";

test.describe("labels", () => {
  test("an owner adds a label with hotkey 4, tags with it, and cannot delete it while in use", async ({ page, context, account: _owner }) => {
    const projectId = await createProjectViaApi(context, "Label scheme");
    await page.goto(`/projects/${projectId}`);
    const labels = page.getByRole("table", { name: "Labels" });
    await expect(labels.getByRole("row")).toHaveCount(4);

    const form = page.getByRole("form", { name: "Add label" });
    await form.getByLabel("Name").fill("Source");
    await form.getByLabel("Kind").selectOption("entity");
    await form.getByLabel("Colour", { exact: true }).fill("#7c3aed");
    await form.getByLabel("Hotkey").fill("4");
    await form.getByLabel("Description").fill("Who a claim comes from");
    await form.getByRole("button", { name: "Add label" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Label Source added." })).toBeVisible();
    const row = labels.getByRole("row").filter({ hasText: "Who a claim comes from" });
    await expect(row).toContainText("entity");
    await expect(row).toContainText("4");

    // A hotkey another label has is refused with the API's message.
    await form.getByLabel("Name").fill("Speaker");
    await form.getByLabel("Kind").selectOption("entity");
    await form.getByLabel("Hotkey").fill("4");
    await form.getByRole("button", { name: "Add label" }).click();
    await expect(form.getByRole("alert")).toContainText('already used by the label "Source"');

    // The new label in the reader: pressing 4 tags the selection with it.
    const documentId = await uploadText(page.request, projectId, "monitor.txt", TEXT);
    await openReader(page, projectId, documentId);
    await expect(page.getByRole("list", { name: "Labels and their keys" })).toContainText("Source");
    await dragSelect(page, TEXT, "arvand", "Monito");
    await page.keyboard.press("4");
    await expect.poll(async () => (await listAnnotations(page.request, documentId)).map((a) => [a.label.name, a.exact])).toEqual([
      ["Source", "Harvand Border Monitor"],
    ]);
    const [tagged] = await listAnnotations(page.request, documentId);
    await expect(highlight(page, tagged!.id)).toHaveAttribute("style", /#7c3aed/);

    // Deleting it while an annotation uses it is refused, with the reason.
    await page.goto(`/projects/${projectId}`);
    await row.getByRole("button", { name: "Delete label Source" }).click();
    await row.getByRole("button", { name: "Yes, delete" }).click();
    await expect(row.getByRole("alert")).toContainText("is used by 1 annotation");
    await expect(row).toHaveCount(1);

    // Edited: new name and colour; the annotation keeps pointing at it.
    await row.getByRole("button", { name: "Edit label Source" }).click();
    const edit = page.getByRole("form", { name: "Save label Source" });
    await edit.getByLabel("Name").fill("Source organisation");
    await edit.getByRole("button", { name: "Save label Source" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Label Source organisation saved." })).toBeVisible();
    expect((await listAnnotations(page.request, documentId))[0]!.label.name).toBe("Source organisation");

    // Once unused, it can go.
    const del = await page.request.delete(`/api/v1/annotations/${tagged!.id}?version=${tagged!.version}`);
    expect(del.status()).toBe(204);
    await page.reload();
    const renamed = row;
    await expect(renamed).toContainText("Source organisation");
    await renamed.getByRole("button", { name: "Delete label Source organisation" }).click();
    await renamed.getByRole("button", { name: "Yes, delete" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Label Source organisation deleted." })).toBeVisible();
    await expect(labels.getByRole("row")).toHaveCount(4);
  });

  test("members who are not owners see the labels but cannot change them", async ({ page, context, account: _owner }) => {
    const projectId = await createProjectViaApi(context, "Read-only labels");
    await page.goto(`/projects/${projectId}`);
    await expect(page.getByRole("form", { name: "Add label" })).toBeVisible();
    const res = await page.request.post(`/api/v1/projects/${projectId}/members`, { data: { email: DEMO.reviewer, role: "reviewer" } });
    expect(res.status()).toBe(201);
    const { context: reviewer, page: asReviewer } = await signedInPage(context.browser()!, { email: DEMO.reviewer, password: DEMO_PASSWORD });
    await asReviewer.goto(`/projects/${projectId}`);
    await expect(asReviewer.getByRole("table", { name: "Labels" })).toContainText("Claim");
    await expect(asReviewer.getByRole("form", { name: "Add label" })).toHaveCount(0);
    await expect(asReviewer.getByRole("button", { name: /Delete label/ })).toHaveCount(0);
    await reviewer.close();
  });
});
