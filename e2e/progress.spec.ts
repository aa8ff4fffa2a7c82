import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { createAccount, createProjectViaApi, expect, signedInPage, test } from "./fixtures";

const TEXT = "Observers counted about 300 people at the ford; the district council said the bridge would reopen on Monday.";

function span(needle: string) {
  const start = [...TEXT.slice(0, TEXT.indexOf(needle))].length;
  return { start, end: start + [...needle].length };
}

interface Annotation {
  id: string;
  version: number;
}

async function paste(request: APIRequestContext, projectId: string, title: string): Promise<string> {
  const res = await request.post(`/api/v1/projects/${projectId}/documents`, { data: { title, text: `${TEXT} (${title})` } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function annotate(request: APIRequestContext, documentId: string, label: string, needle: string): Promise<Annotation> {
  const res = await request.post(`/api/v1/documents/${documentId}/annotations`, { data: { label, ...span(needle) } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as Annotation;
}

async function review(request: APIRequestContext, a: Annotation, decision: "accept" | "reject") {
  const data = decision === "accept" ? { decision, version: a.version } : { decision, version: a.version, reason: "Not what the source says" };
  const res = await request.post(`/api/v1/annotations/${a.id}/review`, { data });
  expect(res.status(), await res.text()).toBe(200);
}

async function submit(request: APIRequestContext, documentId: string) {
  const res = await request.post(`/api/v1/documents/${documentId}/submit`, { data: {} });
  expect(res.status(), await res.text()).toBe(200);
}

type Progress = Record<string, unknown> & {
  annotations: { byLabel: { labelId: string; name: string }[]; byAnnotator: { userId: string }[] };
  throughput: Record<string, number>[];
};

/** A `data-metric` path (`annotations.byLabel[<id>].pending`, `throughput.sum.created`) read out of the API's answer. */
function resolve(progress: Progress, metric: string): unknown {
  const sum = /^throughput\.sum\.(\w+)$/.exec(metric);
  if (sum) return progress.throughput.reduce((total, day) => total + day[sum[1]!]!, 0);
  const row = /^annotations\.(byLabel|byAnnotator)\[([^\]]+)\]\.(\w+)$/.exec(metric);
  if (row) {
    const [, list, id, field] = row;
    const rows = progress.annotations[list as "byLabel" | "byAnnotator"] as Record<string, unknown>[];
    return rows.find((r) => r.labelId === id || r.userId === id)?.[field!];
  }
  return metric.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], progress);
}

/** Every number on the page against GET …/progress; durations run on while a review is open, so they are only checked for being there. */
async function expectNumbersMatchApi(page: Page, projectId: string) {
  const progress = (await (await page.request.get(`/api/v1/projects/${projectId}/progress`)).json()) as Progress;
  const shown = await page.locator("[data-metric]").evaluateAll((els) =>
    els.map((el) => ({ metric: el.getAttribute("data-metric")!, value: el.getAttribute("data-value")!, text: el.textContent ?? "" })),
  );
  expect(shown.length).toBeGreaterThan(20);
  for (const { metric, value, text } of shown) {
    const expected = resolve(progress, metric);
    if (/hours$|Hours$/i.test(metric)) {
      expect(value === "" ? null : Number(value), metric).toEqual(expected === null ? null : expect.any(Number));
      continue;
    }
    expect(value === "" ? null : Number(value), metric).toBe(expected);
    if (!metric.endsWith("acceptanceRate")) expect(Number(text.replace(/,/g, "")), `${metric} as shown`).toBe(expected);
  }
  return progress;
}

const metric = (page: Page, name: string) => page.locator(`[data-metric="${name}"]`).first();

test.describe("project progress", () => {
  test("an owner sees the project's numbers, each linking to its documents, updating live", async ({ page, context, browser, account: _owner }) => {
    const projectId = await createProjectViaApi(context, "Progress at the ford");
    const annotator = await createAccount("annotator");
    const added = await page.request.post(`/api/v1/projects/${projectId}/members`, { data: { email: annotator.email, role: "annotator" } });
    expect(added.status()).toBe(201);
    const colleague = await signedInPage(browser, annotator);
    try {
      const first = await paste(page.request, projectId, "Ford");
      const second = await paste(page.request, projectId, "Bridge");
      await paste(page.request, projectId, "Council");
      const figure = await annotate(colleague.context.request, first, "Figure", "about 300 people");
      await annotate(colleague.context.request, first, "Entity", "district council");
      const claim = await annotate(colleague.context.request, second, "Claim", "the bridge would reopen on Monday");
      const entity = await annotate(page.request, second, "Entity", "district council");
      await submit(page.request, second);
      await review(page.request, claim, "accept");
      await review(page.request, entity, "reject");

      await page.goto(`/projects/${projectId}/progress`);
      await expect(page.getByRole("navigation", { name: "Project sections" }).getByRole("link", { name: "Progress" })).toHaveAttribute("aria-current", "page");
      await expect(page.getByRole("heading", { name: "Documents by state" })).toBeVisible();
      await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
      // Charts are drawn once the page runs in the browser.
      await expect(page.locator(".recharts-wrapper")).toHaveCount(6);

      const before = await expectNumbersMatchApi(page, projectId);
      expect(before).toMatchObject({
        documents: { total: 3, byState: { not_started: 1, in_progress: 1, in_review: 1 } },
        annotations: { total: 4, byStatus: { pending: 2, accepted: 1, rejected: 1 } },
      });
      await expect(metric(page, `annotations.byAnnotator[${(await (await colleague.context.request.get("/api/v1/me")).json()).id}].acceptanceRate`)).toHaveText("100%");

      const axe = await new AxeBuilder({ page }).analyze();
      const severe = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(severe.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
      await page.screenshot({ path: "/tmp/progress.png", fullPage: true });

      // Live: a decision and a submission elsewhere move the numbers without a reload.
      await review(page.request, figure, "accept");
      await submit(colleague.context.request, first);
      await expect(metric(page, "annotations.byStatus.accepted")).toHaveText("2");
      await expect(metric(page, "documents.byState.in_review")).toHaveText("2");
      await expect(metric(page, "documents.byState.in_progress")).toHaveText("0");
      await expectNumbersMatchApi(page, projectId);

      // Each number leads to the documents it counts.
      await metric(page, "documents.byState.in_review").click();
      await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/documents\\?state=in_review$`));
      await page.goBack();
      const label = before.annotations.byLabel.find((l) => l.name === "Entity")!.labelId;
      const href = new URL((await metric(page, `annotations.byLabel[${label}].rejected`).getAttribute("href"))!, "http://x");
      expect([href.pathname, Object.fromEntries(href.searchParams)]).toEqual([`/projects/${projectId}/documents`, { label, status: "rejected" }]);
    } finally {
      await colleague.context.close();
    }
  });

  test("viewers see it too; people outside the project do not", async ({ page, context, browser, account: _owner }) => {
    const projectId = await createProjectViaApi(context, "Progress for viewers");
    const viewer = await createAccount("viewer");
    const outsider = await createAccount("outsider");
    expect((await page.request.post(`/api/v1/projects/${projectId}/members`, { data: { email: viewer.email, role: "viewer" } })).status()).toBe(201);
    const asViewer = await signedInPage(browser, viewer);
    const asOutsider = await signedInPage(browser, outsider);
    try {
      await asViewer.page.goto(`/projects/${projectId}/progress`);
      await expect(asViewer.page.getByText("No document has been submitted for review yet.")).toBeVisible();
      await expect(metric(asViewer.page, "documents.total")).toHaveText("0");
      const hidden = await asOutsider.page.goto(`/projects/${projectId}/progress`);
      expect(hidden?.status()).toBe(404);
    } finally {
      await asViewer.context.close();
      await asOutsider.context.close();
    }
  });
});
