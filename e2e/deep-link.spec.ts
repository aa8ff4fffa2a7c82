import { createProjectViaApi, expect, test } from "./fixtures";
import { codePointsOf, createAnnotation, uploadText } from "./reader";

// Written here: astral characters and Arabic before the linked characters, so code points and UTF-16 differ.
const TEXT = ["Report 𝟙 from 🇦🇫, eastern valley.", "", "قال المتحدث إن 300 عائلة غادرت.", "The council said 300 families left after the flood."].join("\n");

test.describe("links into the reader", () => {
  test("?start=&end= selects exactly those characters; ?annotation= opens that annotation", async ({ page, context, account: _owner }) => {
    const projectId = await createProjectViaApi(context, "Deep links");
    const documentId = await uploadText(page.request, projectId, "links.txt", TEXT);
    const span = codePointsOf(TEXT, "300 families left");
    await page.goto(`/projects/${projectId}/documents/${documentId}?start=${span.start}&end=${span.end}`);
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe("300 families left");

    const arabic = await createAnnotation(page.request, documentId, { label: "Figure", ...codePointsOf(TEXT, "300 عائلة") });
    await page.goto(`/projects/${projectId}/documents/${documentId}?annotation=${arabic.id}`);
    await expect(page.getByTestId("annotation-panel").getByTestId("annotation-quote")).toHaveText("300 عائلة");

    // Out of range or malformed: the reader simply opens.
    await page.goto(`/projects/${projectId}/documents/${documentId}?start=5&end=999999`);
    await expect(page.getByTestId("document-text")).toBeVisible();
    await expect(page.getByTestId("annotation-panel")).toHaveCount(0);
  });
});
