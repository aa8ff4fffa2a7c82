import { createHash } from "node:crypto";
import { copyFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { createAccount, createProjectViaApi, expect, signedInPage, test } from "./fixtures";
import { codePointsOf, createAnnotation, listAnnotations, uploadText } from "./reader";

// Written here: a short monitoring note with three spans to review (one astral character before them).
const NOTE = [
  "Monitoring note 𝟙, eastern valley.",
  "",
  "The UN team estimated 4,000 to 6,000 fighters near Kunar.",
  "A local elder said the road was closed on Friday.",
].join("\n");

/** The sign-off hash computed here, independently: SHA-256 of `id\tversion\tstatus\n` lines by code-point order of id. */
function setHash(rows: { id: string; version: number; status: string }[]): string {
  const byCodePoint = (a: string, b: string) => {
    const x = [...a].map((c) => c.codePointAt(0)!);
    const y = [...b].map((c) => c.codePointAt(0)!);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length;
  };
  const lines = [...rows].sort((a, b) => byCodePoint(a.id, b.id)).map((r) => `${r.id}\t${r.version}\t${r.status}\n`);
  return createHash("sha256").update(lines.join(""), "utf8").digest("hex");
}

async function workflowOf(request: APIRequestContext, documentId: string) {
  const res = await request.get(`/api/v1/documents/${documentId}/workflow`);
  expect(res.status()).toBe(200);
  return (await res.json()) as { state: string; signOff: { annotationSetHash: string; superseded: unknown } | null };
}

/** An annotator and a reviewer in the project, each in a browser of their own, and the note uploaded. */
async function team(page: Page, browser: Browser, projectId: string) {
  const annotator = await createAccount("annotator");
  const reviewer = await createAccount("reviewer");
  for (const [who, role] of [[annotator, "annotator"], [reviewer, "reviewer"]] as const) {
    expect((await page.request.post(`/api/v1/projects/${projectId}/members`, { data: { email: who.email, role } })).status()).toBe(201);
  }
  const documentId = await uploadText(page.request, projectId, "note.txt", NOTE);
  return { annotator, documentId, writer: await signedInPage(browser, annotator), desk: await signedInPage(browser, reviewer) };
}

/** The row of the annotation list: its status word and icon. */
const row = (page: Page, id: string) => page.locator(`[data-annotation-row="${id}"]`);

test.describe("review and sign-off", () => {
  test("a reviewer takes a submitted document to signed off with the keyboard alone; the annotator sees it live; a later change reopens it", async ({
    page,
    context,
    browser,
    account: _owner,
  }) => {
    const projectId = await createProjectViaApi(context, "Review desk");
    const { annotator, documentId, writer, desk } = await team(page, browser, projectId);
    try {
      const claim = await createAnnotation(writer.context.request, documentId, { label: "Claim", ...codePointsOf(NOTE, "The UN team estimated") });
      const figure = await createAnnotation(writer.context.request, documentId, { label: "Claim", ...codePointsOf(NOTE, "4,000 to 6,000 fighters") });
      const road = await createAnnotation(writer.context.request, documentId, { label: "Entity", ...codePointsOf(NOTE, "road") });
      expect((await writer.context.request.post(`/api/v1/documents/${documentId}/submit`, { data: {} })).status()).toBe(200);

      // The annotator keeps the document open and watches.
      await writer.page.goto(`/projects/${projectId}/documents/${documentId}`);
      await expect(writer.page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");

      // The reviewer arrives from the queue's link, in review mode: the first pending one is selected.
      const r = desk.page;
      await r.goto(`/projects/${projectId}/documents/${documentId}?review=1`);
      await expect(r.getByTestId("review-bar")).toBeVisible();
      await expect(r.getByTestId("workflow-state")).toHaveAttribute("data-state", "in_review");
      await expect(r.getByTestId("review-pending")).toHaveText("3 pending");
      const panel = r.getByTestId("annotation-panel");
      await expect(panel.getByTestId("annotation-quote")).toHaveText("The UN team estimated");

      // A accepts and moves on to the next pending one.
      await r.keyboard.press("a");
      await expect(panel.getByTestId("annotation-quote")).toHaveText("4,000 to 6,000 fighters");
      await expect(row(r, claim.id).locator("[data-status]")).toHaveAttribute("data-status", "accepted");
      // …and the annotator sees the decision arrive, without reloading.
      await expect(row(writer.page, claim.id).locator("[data-status]")).toHaveAttribute("data-status", "accepted");

      // E edits: the label choice takes focus; changing it with the keyboard corrects and accepts in one step.
      await r.keyboard.press("e");
      await expect(panel.getByLabel("Label")).toBeFocused();
      await panel.getByLabel("Label").selectOption({ label: "Figure (3)" });
      await expect(row(r, figure.id).locator("[data-status]")).toHaveAttribute("data-status", "accepted");
      const corrected = await (await r.request.get(`/api/v1/annotations/${figure.id}/reviews`)).json();
      expect(corrected.reviews.at(-1)).toMatchObject({ decision: "accept", correctedFrom: { label: { name: "Claim" } } });

      // J/K move; K back to the figure, J forward to the road.
      await r.keyboard.press("Escape");
      await r.keyboard.press("j");
      await expect(panel.getByTestId("annotation-quote")).toHaveText("road");
      await r.keyboard.press("k");
      await expect(panel.getByTestId("annotation-quote")).toHaveText("4,000 to 6,000 fighters");
      await r.keyboard.press("j");

      // R opens the reason box; Enter rejects with the reason.
      await r.keyboard.press("r");
      await expect(r.getByLabel(/Why is it rejected/)).toBeFocused();
      await r.keyboard.type("A road is not an actor here");
      await r.keyboard.press("Enter");
      await expect(row(r, road.id).locator("[data-status]")).toHaveAttribute("data-status", "rejected");
      await expect(r.getByTestId("review-pending")).toHaveText("nothing pending");

      // The README's picture of review mode (docs/review.png with E2E_DOCS_SCREENSHOT=1).
      const shot = test.info().outputPath("review.png");
      await r.setViewportSize({ width: 1280, height: 860 });
      await r.getByTestId("workflow").evaluate((el) => el.scrollIntoView({ block: "start" }));
      await r.screenshot({ path: shot });
      if (process.env.E2E_DOCS_SCREENSHOT === "1") copyFileSync(shot, path.resolve(import.meta.dirname, "../docs/review.png"));

      // The annotator reads the reason on their annotation.
      await row(writer.page, road.id).locator("button").focus();
      await writer.page.keyboard.press("Enter");
      await expect(writer.page.getByTestId("review-reason")).toHaveText("A road is not an actor here");

      // Sign off, by keyboard: the hash shown is the one an independent computation gives.
      const shown = await r.getByTestId("annotation-set-hash").textContent();
      expect(shown).toBe(setHash(await listAnnotations(r.request, documentId)));
      await r.getByRole("button", { name: "Sign off", exact: true }).focus();
      await r.keyboard.press("Enter");
      await expect(r.getByTestId("workflow-state")).toHaveAttribute("data-state", "signed_off");
      await expect(r.getByTestId("signed-banner")).toContainText("1 rejected");
      const signed = await workflowOf(r.request, documentId);
      expect(signed.signOff!.annotationSetHash).toBe(shown);
      await expect(writer.page.getByTestId("workflow-state")).toHaveAttribute("data-state", "signed_off");

      // A later change by the annotator reopens it, visibly, in both readers.
      const current = (await listAnnotations(writer.context.request, documentId)).find((a) => a.id === claim.id)!;
      const res = await writer.context.request.patch(`/api/v1/annotations/${claim.id}`, { data: { version: current.version, attributes: { note: "late" } } });
      expect(res.status()).toBe(200);
      for (const p of [r, writer.page]) {
        await expect(p.getByTestId("workflow-state")).toHaveAttribute("data-state", "in_progress");
        await expect(p.getByTestId("reopened-banner")).toContainText(annotator.name);
      }
      expect((await workflowOf(r.request, documentId)).signOff!.superseded).not.toBeNull();
      await writer.page.screenshot({ path: test.info().outputPath("reopened.png") });
    } finally {
      await writer.context.close();
      await desk.context.close();
    }
  });
  test("an annotator submits from the reader, a reviewer sends it back with a comment the annotator reads, and rejected highlights can be hidden", async ({
    page,
    context,
    browser,
    account: _owner,
  }) => {
    const projectId = await createProjectViaApi(context, "Sent back");
    const { documentId, writer, desk } = await team(page, browser, projectId);
    try {
      const road = await createAnnotation(writer.context.request, documentId, { label: "Entity", ...codePointsOf(NOTE, "road") });
      await createAnnotation(writer.context.request, documentId, { label: "Claim", ...codePointsOf(NOTE, "The UN team estimated") });
      const w = writer.page;
      await w.goto(`/projects/${projectId}/documents/${documentId}`);
      await expect(w.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
      await w.getByRole("button", { name: "Submit for review" }).click();
      await expect(w.getByTestId("workflow-state")).toHaveAttribute("data-state", "in_review");

      const r = desk.page;
      await r.goto(`/projects/${projectId}/documents/${documentId}`);
      await expect(r.getByTestId("workflow-state")).toHaveAttribute("data-state", "in_review");
      await r.getByRole("button", { name: "Request changes…" }).click();
      await r.getByLabel("What should the annotators change?").fill("Tag the figure as a Figure");
      await r.getByRole("button", { name: "Send back" }).click();
      await expect(r.getByTestId("workflow-state")).toHaveAttribute("data-state", "changes_requested");
      // The annotator's reader follows, with the comment.
      await expect(w.getByTestId("workflow-state")).toHaveAttribute("data-state", "changes_requested");
      await expect(w.getByTestId("workflow")).toContainText("Tag the figure as a Figure");

      // Rejected highlights: struck through, and gone from text and list with "Hide rejected".
      const res = await r.request.post(`/api/v1/annotations/${road.id}/review`, { data: { decision: "reject", reason: "Not an actor", version: 1 } });
      expect(res.status()).toBe(200);
      const mark = w.locator(`[data-annotation-id="${road.id}"]`).first();
      await expect(mark).toHaveClass(/tw-hl-rejected/);
      await expect(mark).toHaveCSS("text-decoration-line", "line-through");
      await w.getByLabel("Hide rejected").check();
      await expect(mark).toHaveCSS("text-decoration-line", "none");
      await expect(w.locator(`[data-annotation-row="${road.id}"]`)).toHaveCount(0);
      await expect(w.getByTestId("annotation-count")).toHaveText("1");
    } finally {
      await writer.context.close();
      await desk.context.close();
    }
  });
});
