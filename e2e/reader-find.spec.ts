import { createProjectViaApi, expect, test } from "./fixtures";
import { charBox, codePointsOf, listAnnotations, locate, openReader, uploadText } from "./reader";

// Find in the document (Ctrl+F): the reader searches its canonical text itself, because the
// browser's own find cannot see the blocks of lines it has not laid out.

/** "convoy" five times in three spellings, after astral characters and a letter that lower-cases longer (İ). */
const FILLER = Array.from({ length: 140 }, (_, i) => `Filler line ${i}: nothing to see on the road today.`);
const REPORT = [
  "Convoy 🇦🇫 near the pass: the convoy stopped.",
  "İİİ CONVOY 👨‍👩‍👧 left at dawn.",
  ...FILLER,
  "A convoy passed the checkpoint at noon.",
  ...FILLER,
  "Last convoy of the day.",
].join("\n");

const findBox = (page: import("@playwright/test").Page) => page.getByRole("search", { name: "Find in the document" });

/** The text the page has selected, and whether the reader holds the focus. */
function selectionState(page: import("@playwright/test").Page) {
  return page.evaluate(() => ({
    selected: getSelection()?.toString() ?? "",
    inReader: document.activeElement?.getAttribute("data-testid") === "document-text",
  }));
}

test.describe("find in the document", () => {
  test("Ctrl+F finds every match, steps through them, and Escape selects the current one for tagging", async ({ page, context, account: _owner }, testInfo) => {
    const projectId = await createProjectViaApi(context, "Find");
    const documentId = await uploadText(page.request, projectId, "report.txt", REPORT);
    await openReader(page, projectId, documentId);

    await page.keyboard.press("Control+f");
    const box = findBox(page);
    const input = box.getByRole("searchbox", { name: "Find in the document" });
    await expect(input).toBeFocused();
    const count = box.getByRole("status");
    await expect(count).toHaveText("");

    await input.fill("convoy");
    await expect(count).toHaveText("1 of 5");
    await expect(page.locator("mark.tw-find")).toHaveCount(5);
    await input.press("Enter");
    await input.press("Enter");
    await expect(count).toHaveText("3 of 5");
    const current = page.locator("mark[data-find-current]");
    await expect(current).toHaveText("CONVOY");
    await expect(current).toBeInViewport();

    // The fourth is ~140 lines further down: it is scrolled into view; Shift+Enter goes back.
    await input.press("Enter");
    await expect(count).toHaveText("4 of 5");
    await expect(current).toHaveText("convoy");
    await expect(current).toBeInViewport();
    await box.getByRole("button", { name: "Previous match" }).click();
    await expect(count).toHaveText("3 of 5");
    await expect(current).toHaveText("CONVOY");
    await expect(current).toBeInViewport();
    await box.getByRole("button", { name: "Next match" }).click();
    await box.getByRole("button", { name: "Next match" }).click();
    await box.getByRole("button", { name: "Next match" }).click();
    await expect(count).toHaveText("1 of 5"); // round the end

    // Case-sensitive on request; nothing found says so.
    await box.getByRole("button", { name: "Match case" }).click();
    await expect(box.getByRole("button", { name: "Match case" })).toHaveAttribute("aria-pressed", "true");
    await expect(count).toHaveText("1 of 3");
    await input.fill("CONVOY");
    await expect(count).toHaveText("1 of 1");
    await input.fill("convoys");
    await expect(count).toHaveText("No matches");
    await expect(page.locator("mark.tw-find")).toHaveCount(0);
    await box.getByRole("button", { name: "Match case" }).click();
    await input.fill("CONVOY");
    await expect(count).toHaveText("1 of 5");
    await input.press("Enter");
    await expect(count).toHaveText("2 of 5");
    await input.press("Enter");
    await expect(count).toHaveText("3 of 5");

    // Escape: the box closes, the marks go, the reader has the focus and the match is selected…
    await page.screenshot({ path: testInfo.outputPath("find-box.png") });
    await input.press("Escape");
    await expect(box).toHaveCount(0);
    await expect(page.locator("mark.tw-find")).toHaveCount(0);
    expect(await selectionState(page)).toEqual({ selected: "CONVOY", inReader: true });

    // …so a label's key tags it, at the right code points after "İİİ" and the flag.
    await page.keyboard.press("2");
    await expect.poll(async () => (await listAnnotations(page.request, documentId)).map((a) => [a.label.name, a.exact, a.start, a.end])).toEqual([
      ["Entity", "CONVOY", codePointsOf(REPORT, "CONVOY").start, codePointsOf(REPORT, "CONVOY").end],
    ]);

    // Ctrl+F with a short selection searches for it.
    const at = locate(REPORT, "checkpoint");
    const first = await charBox(page, at.line, at.offset);
    await page.mouse.click(Math.round(first.x + 2), Math.round(first.y + first.height / 2));
    for (let i = 0; i < "checkpoint".length; i++) await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.press("Control+f");
    await expect(input).toBeFocused();
    await expect(input).toHaveValue("checkpoint");
    await expect(count).toHaveText("1 of 1");
    await box.getByRole("button", { name: "Close find" }).click();
    await expect(box).toHaveCount(0);
    expect(await selectionState(page)).toEqual({ selected: "checkpoint", inReader: true });
  });

  test("counts and reaches every match in a 1 MB text", async ({ page, context, account: _owner }) => {
    // ~11,700 lines as in the editor benchmark; every 9th line names the town, in one of three spellings.
    const spellings = ["Kandahar", "KANDAHAR", "kandahar"];
    const lines: string[] = [];
    let expected = 0;
    for (let i = 0; i < 11_700; i++) {
      const named = i % 9 === 4;
      if (named) expected++;
      lines.push(`${i} 👩‍👩‍👧 ${named ? `convoy seen near ${spellings[i % 3]} at dawn` : "the road was quiet and nothing moved at all"} — 中文 𠀋 report.`);
    }
    lines.push("The last line: KANDAHAR 🇦🇫.");
    expected++;
    const text = lines.join("\n");
    expect(new TextEncoder().encode(text).length).toBeGreaterThan(1_000_000);
    const projectId = await createProjectViaApi(context, "Find, long");
    const documentId = await uploadText(page.request, projectId, "long.txt", text);
    // A 1 MB text takes a while to arrive and lay out on a busy machine.
    test.setTimeout(150_000);
    await page.goto(`/projects/${projectId}/documents/${documentId}`);
    await expect(page.locator("[data-highlight-count]")).toBeAttached({ timeout: 60_000 });

    await page.keyboard.press("Control+f");
    const box = findBox(page);
    const input = box.getByRole("searchbox", { name: "Find in the document" });
    await input.fill("kandahar");
    const count = box.getByRole("status");
    await expect(count).toHaveText(`1 of ${expected.toLocaleString("en-US")}`);
    const current = page.locator("mark[data-find-current]");
    await expect(current).toBeInViewport();

    // Backwards from the first is the last, ~1 MB down, in a block the browser had never laid out.
    await input.press("Shift+Enter");
    await expect(count).toHaveText(`${expected.toLocaleString("en-US")} of ${expected.toLocaleString("en-US")}`);
    await expect(current).toHaveText("KANDAHAR");
    await expect(current).toBeInViewport();
    await expect(box).toBeInViewport(); // sticky over the text, wherever the page is scrolled

    // Only the matches around the viewport are drawn; scrolled by hand to the middle, they are there too.
    expect(await page.locator("mark.tw-find").count()).toBeLessThan(expected);
    await page.evaluate(() => scrollTo({ top: document.documentElement.scrollHeight / 2, behavior: "instant" }));
    const marksInView = () =>
      page.locator("mark.tw-find").evaluateAll((marks) => marks.filter((m) => {
        const box = m.getBoundingClientRect();
        return box.bottom > 0 && box.top < innerHeight;
      }).length);
    await expect.poll(marksInView).toBeGreaterThan(0);
    await input.press("Escape");
    expect(await selectionState(page)).toEqual({ selected: "KANDAHAR", inReader: true });
    await expect(page.getByText("The last line:")).toBeInViewport();

    // A query found more than 10,000 times says so.
    await page.keyboard.press("Control+f");
    await input.fill("report");
    await expect(count).toHaveText("1 of 10,000+");
  });
});
