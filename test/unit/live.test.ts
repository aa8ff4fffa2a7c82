import { describe, expect, it } from "vitest";
import { versionOf } from "@/lib/live/feed";
import { PresenceBoard, colorFor, documentPresence, projectPresence, type PresenceEntry } from "@/lib/live/presence";
import { comment, frame, parseBlock } from "@/lib/live/sse";
import { initials } from "@/components/live/avatar";

describe("SSE frames", () => {
  it("round-trips an event whose JSON holds line breaks, CR, U+2028 and emoji", () => {
    const data = { text: "a\nb\r\nc\u2028d 🇦🇫", n: 1 };
    const text = frame({ id: 42, event: "annotation.created", data });
    expect(text.endsWith("\n\n")).toBe(true);
    expect(text.slice(0, -2)).not.toContain("\n\n");
    const block = parseBlock(text.slice(0, -2));
    expect(block).toMatchObject({ id: "42", event: "annotation.created" });
    expect(JSON.parse(block.data!)).toEqual(data);
  });

  it("reads comments and id-only blocks as no event, and defaults the type to message", () => {
    expect(parseBlock(comment("keep-alive").slice(0, -2))).toEqual({ id: null, event: "message", data: null, comments: ["keep-alive"] });
    expect(parseBlock("id: 7")).toMatchObject({ id: "7", data: null });
    expect(parseBlock("data: x\ndata: y")).toMatchObject({ event: "message", data: "x\ny" });
    expect(frame({ event: "presence", data: {} })).not.toContain("id:");
  });
});

describe("feed versions", () => {
  it("maps each audit action to the version the annotation reached", () => {
    expect(versionOf("annotation.created", {})).toBe(1);
    expect(versionOf("annotation.updated", { version: 5 })).toBe(5);
    expect(versionOf("annotation.deleted", { version: 5 })).toBe(6);
    expect(versionOf("annotation.restored", { version: 7 })).toBe(7);
  });
});

describe("presence", () => {
  const entry = (key: string, documentId: string, instance = "i1", name = "Ann"): PresenceEntry => ({
    key,
    user: { id: key.split(":")[0]!, name },
    color: colorFor(key.split(":")[0]!),
    projectId: "p",
    documentId,
    selection: null,
    instance,
  });

  it("gives each user one colour, the same everywhere", () => {
    expect(colorFor("user-1")).toBe(colorFor("user-1"));
    expect(colorFor("user-1")).toMatch(/^#[0-9a-f]{6}$/);
    const colours = new Set(Array.from({ length: 50 }, (_, i) => colorFor(`user-${i}`)));
    expect(colours.size).toBeGreaterThan(5);
  });

  it("tracks tabs per document, moves selections, and expires only other instances' silent entries", () => {
    const board = new PresenceBoard();
    expect(board.upsert(entry("u1:t1", "d1"), 0)).toBe(true);
    expect(board.upsert(entry("u1:t1", "d1"), 1)).toBe(false);
    board.upsert(entry("u2:t9", "d1", "i2", "Bo"), 0);
    board.upsert(entry("u2:t8", "d2", "i2", "Bo"), 10_000);
    expect(board.move("d1", "u1:t1", { start: 2, end: 5 }, 2)?.selection).toEqual({ start: 2, end: 5 });
    expect(board.move("d1", "nobody:t", null, 2)).toBeNull();
    expect(board.expire(5_000, "i1").map((e) => e.key)).toEqual(["u2:t9"]);
    expect(board.ofDocument("d1").map((e) => e.key)).toEqual(["u1:t1"]);
    expect(board.dropInstance("i2").map((e) => e.key)).toEqual(["u2:t8"]);
    expect(board.remove("d1", "u1:t1")?.key).toBe("u1:t1");
    expect(board.all()).toEqual([]);
  });

  it("lists a document's tabs, and a project's people once per document", () => {
    const doc = documentPresence("d1", [entry("u1:t2", "d1"), entry("u1:t1", "d1")], "now");
    expect(doc.people.map((p) => p.connection)).toEqual(["u1:t1", "u1:t2"]);
    const project = projectPresence("p", [entry("u1:t2", "d1"), entry("u1:t1", "d1"), entry("u1:t3", "d2")], "now");
    expect(project.people.map((p) => p.documentId)).toEqual(["d1", "d2"]);
  });

  it("draws initials by code point, in any script", () => {
    expect(initials("Ann Annotator")).toBe("AA");
    expect(initials("ada")).toBe("A");
    expect(initials("  ")).toBe("?");
    expect(initials("𝒜lice Bé")).toBe("𝒜B");
    expect(initials("أحمد علي")).toBe("أع");
  });
});
