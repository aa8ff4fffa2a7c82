import { createProjectViaApi, expect, test } from "./fixtures";
import { clickText, codePointsOf, createAnnotation, highlight, listAnnotations, openReader, uploadText } from "./reader";

// Written here: a figure, an actor and a claim that names the actor as its source.
const NOTE = ["Scouts counted about 1200 vehicles on the ring road.", "", "The district governor said the road was closed."].join("\n");

async function stored(request: Parameters<typeof listAnnotations>[0], documentId: string, id: string) {
  return (await listAnnotations(request, documentId)).find((a) => a.id === id);
}

test.describe("the reader's save loop", () => {
  test("an attribute edit saves when focus leaves the form, on Enter, and before Escape closes the panel", async ({ page, context, account: _owner }) => {
    const projectId = await createProjectViaApi(context, "Save loop");
    const documentId = await uploadText(page.request, projectId, "note.txt", NOTE);
    const figure = await createAnnotation(page.request, documentId, { label: "Figure", ...codePointsOf(NOTE, "about 1200") });
    const actor = await createAnnotation(page.request, documentId, { label: "Entity", ...codePointsOf(NOTE, "The district governor") });
    await openReader(page, projectId, documentId);
    const panel = page.getByTestId("annotation-panel");

    // Typed, then a click on the text elsewhere: saved, not dropped.
    await highlight(page, figure.id).click();
    await panel.getByLabel("Unit").fill("vehicles");
    await expect(panel.getByText("Unsaved: saves when you leave the form or press Enter")).toBeVisible();
    await clickText(page, NOTE, "ring road");
    await expect.poll(async () => (await stored(page.request, documentId, figure.id))?.attributes).toMatchObject({ value: 1200, unit: "vehicles" });

    // Enter in a field saves.
    await highlight(page, actor.id).click();
    await panel.getByLabel("Canonical name").fill("Governor of the district");
    await panel.getByLabel("Canonical name").press("Enter");
    await expect.poll(async () => (await stored(page.request, documentId, actor.id))?.attributes).toEqual({ canonicalName: "Governor of the district" });

    // Escape saves, then closes.
    await panel.getByLabel("Canonical name").fill("District governor");
    await page.keyboard.press("Escape");
    await expect(panel).toBeHidden();
    await expect.poll(async () => (await stored(page.request, documentId, actor.id))?.attributes).toEqual({ canonicalName: "District governor" });

    // A figure value that is not a number keeps the panel open with the reason beside the form.
    await highlight(page, figure.id).click();
    await panel.getByLabel("Value").fill("twelve hundred");
    await page.keyboard.press("Escape");
    await expect(panel).toBeVisible();
    await expect(panel.getByRole("alert")).toHaveText("Value must be a number, like 6000 or 2.5.");
  });

  test("a label change keeps attributes within a kind, asks before dropping them across kinds, and shows a refusal beside the label", async ({
    page,
    context,
    account: _owner,
  }) => {
    const projectId = await createProjectViaApi(context, "Label change");
    const made = await page.request.post(`/api/v1/projects/${projectId}/labels`, { data: { name: "Official", kind: "entity", color: "#0f766e" } });
    expect(made.status()).toBe(201);
    const documentId = await uploadText(page.request, projectId, "note.txt", NOTE);
    const actor = await createAnnotation(page.request, documentId, {
      label: "Entity",
      ...codePointsOf(NOTE, "The district governor"),
      attributes: { type: "person", canonicalName: "District governor" },
    });
    const claim = await createAnnotation(page.request, documentId, {
      label: "Claim",
      ...codePointsOf(NOTE, "said the road was closed"),
      attributes: { source: { annotationId: actor.id } },
    });
    await openReader(page, projectId, documentId);
    const panel = page.getByTestId("annotation-panel");
    const label = panel.getByLabel("Label");

    // Same kind: the attributes stay.
    await highlight(page, actor.id).click();
    await label.selectOption({ label: "Official" });
    await expect.poll(async () => (await stored(page.request, documentId, actor.id))?.label.name).toBe("Official");
    expect((await stored(page.request, documentId, actor.id))?.attributes).toEqual({ type: "person", canonicalName: "District governor" });

    // Another kind: asked first; keeping the label changes nothing.
    await highlight(page, claim.id).click();
    await label.selectOption({ label: "Figure (3)" });
    const question = panel.getByRole("alertdialog");
    await expect(question).toContainText("This claim's attributes (source) do not fit Figure, a figure label");
    await question.getByRole("button", { name: "Keep Claim" }).click();
    await expect(question).toBeHidden();
    await expect(label).toHaveValue(claim.label.id);
    expect((await stored(page.request, documentId, claim.id))?.version).toBe(claim.version);

    // Confirmed: the new label, no attributes; undo brings both back.
    await label.selectOption({ label: "Entity (2)" });
    await panel.getByRole("button", { name: "Change to Entity" }).click();
    await expect.poll(async () => (await stored(page.request, documentId, claim.id))?.label.name).toBe("Entity");
    expect((await stored(page.request, documentId, claim.id))?.attributes).toEqual({});
    await page.getByRole("button", { name: "Undo" }).click();
    await expect.poll(async () => (await stored(page.request, documentId, claim.id))?.label.name).toBe("Claim");
    expect((await stored(page.request, documentId, claim.id))?.attributes).toEqual({ source: { annotationId: actor.id } });

    // The actor is a claim's source: it cannot stop being an entity. The reason shows under the label.
    await highlight(page, actor.id).click();
    await label.selectOption({ label: "Figure (3)" });
    await panel.getByRole("button", { name: "Change to Figure" }).click();
    await expect(panel.getByTestId("label-error")).toHaveText("1 claim names this entity as its source. Change that claim's source first.");
    const official = (await stored(page.request, documentId, actor.id))!;
    expect(official.label.name).toBe("Official");
    await expect(label).toHaveValue(official.label.id);
  });
});
