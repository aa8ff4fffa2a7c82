import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnnotationCommands, type Notice } from "@/components/annotations/annotation-commands";
import { AnnotationStore } from "@/components/annotations/annotation-store";
import { ApiError, annotationsApi, type Transport } from "@/components/annotations/api";
import { CONFLICT_MESSAGE } from "@/components/annotations/plain-error";
import type { Annotation, LabelInfo } from "@/components/annotations/types";
import { createPastedDocument } from "@/lib/documents/upload-documents";
import { listLabels } from "@/lib/labels/list-labels";
import { createProject } from "@/lib/projects/create-project";
import { useDatabase } from "../helpers/database";
import { startServer, type RunningServer } from "../helpers/server";
import { makeUserWithToken } from "../helpers/users";

/** The editor's commands against the real server over HTTP: what the browser does, without the browser. */
const TEXT = "The ministry spokesman said more than 6000 fighters crossed at dawn 🇦🇫 near the river.";

let server: RunningServer;
let owner: Awaited<ReturnType<typeof makeUserWithToken>>;
let documentId: string;
let labels: Record<"Claim" | "Entity" | "Figure", LabelInfo>;

function span(needle: string) {
  const unit = TEXT.indexOf(needle);
  const start = [...TEXT.slice(0, unit)].length;
  return { start, end: start + [...needle].length, exact: needle };
}

const http: Transport = (url, init) =>
  fetch(`${server.url}${url}`, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${owner.token}` } });
const api = annotationsApi(http);

function editor(transport: Transport = http) {
  const store = new AnnotationStore([]);
  const notices: Notice[] = [];
  const history: { canUndo: boolean; canRedo: boolean }[] = [];
  const commands = new AnnotationCommands(
    store,
    documentId,
    { id: owner.user.id, name: owner.user.name ?? "", email: owner.user.email },
    { notice: (n) => notices.push(n), history: (h) => history.push(h) },
    annotationsApi(transport),
  );
  return { store, commands, notices, history };
}

async function serverCopy(id: string): Promise<Annotation | null> {
  return api.get(id).catch((err: unknown) => (err instanceof ApiError && err.status === 404 ? null : Promise.reject(err)));
}

beforeAll(async () => {
  server = await startServer();
  await useDatabase({ name: "srv", url: server.databaseUrl });
  owner = await makeUserWithToken({ name: "Owner" });
  const projectId = (await createProject({ actorId: owner.user.id, input: { name: "Commands" } })).id;
  documentId = (await createPastedDocument({ actorId: owner.user.id, projectId, input: { title: "brief", text: TEXT } })).document.id;
  const all = await listLabels({ projectId });
  labels = Object.fromEntries(all.map((l) => [l.name, { id: l.id, name: l.name, kind: l.kind, color: l.color, hotkey: l.hotkey }])) as typeof labels;
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe("AnnotationCommands against the real API", () => {
  it("shows a tag at once under the id the server then keeps", async () => {
    const { store, commands, notices } = editor();
    const id = commands.create({ label: labels.Entity.id, ...span("ministry spokesman") }, labels.Entity);
    expect(store.get(id)).toMatchObject({ pending: true, exact: "ministry spokesman" });
    await commands.settled();
    expect(store.get(id)).toMatchObject({ id, version: 1, exact: "ministry spokesman" });
    expect(store.get(id)!.pending).toBeUndefined();
    expect(store.size).toBe(1);
    expect((await serverCopy(id))?.author.id).toBe(owner.user.id);
    expect(notices).toEqual([]);
  });

  it("retries a create whose answer was lost, and the server keeps one annotation", async () => {
    let calls = 0;
    // The first POST reaches the server, but its answer is lost on the way back.
    const flaky: Transport = async (url, init) => {
      const res = await http(url, init);
      if (init.method === "POST" && ++calls === 1) throw new TypeError("connection reset");
      return res;
    };
    const { store, commands, notices } = editor(flaky);
    const id = commands.create({ label: labels.Figure.id, ...span("6000") }, labels.Figure);
    await commands.settled();
    expect(calls).toBe(2);
    expect(notices).toEqual([]);
    expect(store.get(id)).toMatchObject({ version: 1, attributes: expect.objectContaining({ value: 6000 }) });
    const onServer = await api.get(id);
    expect(onServer.version).toBe(1);
  });

  it("takes a refused tag back off the screen and says why in plain words", async () => {
    const { store, commands, notices } = editor();
    const id = commands.create({ label: labels.Entity.id, start: 0, end: 3, exact: "Thx" }, labels.Entity);
    await commands.settled();
    expect(store.get(id)).toBeUndefined();
    expect(await serverCopy(id)).toBeNull();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message).toMatch(/^Could not tag “Thx”: /);
  });

  it("returns an update's failure to the caller instead of announcing it, with the server's current version shown", async () => {
    const { store, commands, notices } = editor();
    const id = commands.create({ label: labels.Claim.id, ...span("crossed at dawn") }, labels.Claim);
    await commands.settled();
    expect(await commands.update(id, { attributes: { reporting: "alleged" } })).toEqual({ ok: true });
    expect(store.get(id)).toMatchObject({ version: 2, attributes: { reporting: "alleged" } });

    // Someone else changes it; this editor still holds version 2.
    const theirs = await api.update(id, 2, { attributes: { reporting: "denied" } });
    const outcome = await commands.update(id, { attributes: { reporting: "reported" } });
    expect(outcome).toEqual({ ok: false, message: CONFLICT_MESSAGE });
    expect(store.get(id)).toMatchObject({ version: theirs.version, attributes: { reporting: "denied" } });

    const bad = await commands.update(id, { attributes: { credibility: 9 } });
    expect(bad.ok).toBe(false);
    expect(bad.ok === false && bad.message).toMatch(/^Credibility: /);
    expect(notices).toEqual([]);
  });

  it("changes the label to another kind with the attributes dropped, and undo brings both back", async () => {
    const { store, commands } = editor();
    const id = commands.create({ label: labels.Figure.id, ...span("more than 6000") }, labels.Figure);
    await commands.settled();
    const figure = store.get(id)!;
    expect(figure.attributes).toMatchObject({ value: 6000, qualifier: "more than" });
    expect(await commands.update(id, { label: labels.Entity.id, attributes: {} })).toEqual({ ok: true });
    expect(store.get(id)).toMatchObject({ label: { name: "Entity" }, attributes: {} });
    await commands.undo();
    expect(store.get(id)).toMatchObject({ label: { name: "Figure" }, attributes: figure.attributes });
    expect((await api.get(id)).label.name).toBe("Figure");
  });

  it("undoes a delete by restoring the same annotation, and redoes it", async () => {
    const { store, commands, history } = editor();
    const id = commands.create({ label: labels.Entity.id, ...span("the river") }, labels.Entity);
    await commands.settled();
    expect(await commands.remove(id)).toBe(true);
    expect(store.get(id)).toBeUndefined();
    expect(await serverCopy(id)).toBeNull();
    await commands.undo();
    expect(store.get(id)).toMatchObject({ id, author: { id: owner.user.id }, exact: "the river" });
    expect((await api.get(id)).id).toBe(id);
    await commands.redo();
    expect(store.get(id)).toBeUndefined();
    expect(history.at(-1)).toEqual({ canUndo: true, canRedo: false });
  });

  it("drops an annotation someone else deleted when a change to it finds it gone", async () => {
    const { store, commands } = editor();
    const id = commands.create({ label: labels.Entity.id, ...span("ministry") }, labels.Entity);
    await commands.settled();
    await api.remove(id, 1);
    const outcome = await commands.update(id, { attributes: { type: "organization" } });
    expect(outcome).toEqual({ ok: false, message: "This annotation no longer exists; someone else deleted it." });
    expect(store.get(id)).toBeUndefined();
  });

  it("knows while a call is unanswered (the page asks before closing then)", async () => {
    const { commands } = editor();
    commands.create({ label: labels.Entity.id, ...span("spokesman said") }, labels.Entity);
    expect(commands.busy).toBe(true);
    await commands.settled();
    expect(commands.busy).toBe(false);
  });

  it("knows which annotations have a call of this tab unanswered (their live echo is this tab's own)", async () => {
    const { commands } = editor();
    const id = commands.create({ label: labels.Entity.id, ...span("river") }, labels.Entity);
    expect(commands.isBusyWith(id)).toBe(true);
    expect(commands.isBusyWith("someone-else")).toBe(false);
    await commands.settled();
    expect(commands.isBusyWith(id)).toBe(false);
  });

  it("refuses every change while offline, with the reason, and sends nothing", async () => {
    let calls = 0;
    const counting: Transport = (url, init) => {
      calls++;
      return http(url, init);
    };
    const { store, commands, notices } = editor(counting);
    const kept = commands.create({ label: labels.Entity.id, ...span("dawn") }, labels.Entity);
    await commands.settled();
    const before = calls;
    commands.setOffline("You are offline: nothing was changed.");
    commands.create({ label: labels.Entity.id, ...span("fighters") }, labels.Entity);
    expect(await commands.update(kept, { attributes: { type: "event" } })).toEqual({ ok: false, message: "You are offline: nothing was changed." });
    expect(await commands.remove(kept)).toBe(false);
    await commands.undo();
    expect(calls).toBe(before);
    expect(store.size).toBe(1);
    expect(notices.filter((n) => n.tone === "error").map((n) => n.message)).toEqual(Array(3).fill("You are offline: nothing was changed."));
    commands.setOffline(null);
    expect(await commands.update(kept, { attributes: { type: "event" } })).toEqual({ ok: true });
  });
});
