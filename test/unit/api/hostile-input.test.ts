import { describe, expect, it } from "vitest";
import { MAX_INPUT_DEPTH, assertSafeInput, findHostileInput } from "@/lib/api/hostile-input";
import { AppError, toErrorBody } from "@/lib/errors";

const nested = (levels: number): unknown => {
  let value: unknown = "leaf";
  for (let i = 0; i < levels; i++) value = [value];
  return value;
};

describe("findHostileInput", () => {
  it.each([
    ["a plain value", { name: "Zürich 🇨🇭 عربي", n: 1, ok: true, none: null }, null],
    ["a surrogate pair (emoji)", "👩‍👩‍👧", null],
    ["NUL in a top-level string", "a\u0000b", { path: "", problem: "nul" }],
    ["NUL in a field", { name: "a\u0000" }, { path: "name", problem: "nul" }],
    ["NUL deep in objects and arrays", { metadata: { tags: ["ok", "x\u0000"] } }, { path: "metadata.tags.1", problem: "nul" }],
    ["a lone high surrogate", { title: "x\uD800y" }, { path: "title", problem: "lone_surrogate" }],
    ["a lone low surrogate", { title: "\uDC00" }, { path: "title", problem: "lone_surrogate" }],
    ["a high surrogate at the end", { title: "abc\uDBFF" }, { path: "title", problem: "lone_surrogate" }],
    ["reversed pair", { title: "\uDC00\uD800" }, { path: "title", problem: "lone_surrogate" }],
    ["NUL in a key", { attributes: { "bad\u0000key": 1 } }, { path: "attributes.bad?key", problem: "nul", key: true }],
    ["a lone surrogate in a key", { "\uD800": "v" }, { path: "?", problem: "lone_surrogate", key: true }],
    ["the first problem in document order", { a: "ok", b: "\u0000", c: "\uD800" }, { path: "b", problem: "nul" }],
    ["nesting at the limit", nested(MAX_INPUT_DEPTH), null],
    ["nesting past the limit", nested(MAX_INPUT_DEPTH + 1), { path: Array(MAX_INPUT_DEPTH).fill(0).join("."), problem: "too_deep" }],
  ])("%s", (_name, value, expected) => {
    expect(findHostileInput(value)).toEqual(expected);
  });

  it("walks 100 000 levels of nesting without overflowing the stack", () => {
    expect(findHostileInput(nested(100_000))?.problem).toBe("too_deep");
    expect(findHostileInput(nested(100_000), Infinity)).toBeNull();
  });
});

describe("assertSafeInput", () => {
  it("throws a 400 naming the field, with an issue a form can show beside it", () => {
    let caught: unknown;
    try {
      assertSafeInput({ metadata: { author: "A\u0000" } });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    const { status, body } = toErrorBody(caught);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/^`metadata\.author` contains a NUL character/);
    expect(body.error.details).toMatchObject({ problem: "nul", issues: [{ path: "metadata.author" }] });
  });

  it("names the whole input when the value itself is the problem", () => {
    expect(() => assertSafeInput("\uD800", "A query parameter")).toThrow(/^A query parameter contains a lone UTF-16 surrogate/);
  });
});
