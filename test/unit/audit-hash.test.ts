import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/audit/hash";

describe("canonicalJson", () => {
  it("does not depend on key order", () => {
    expect(canonicalJson({ b: 1, a: 2, c: 3 })).toBe(canonicalJson({ c: 3, a: 2, b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it("sorts keys at every level, inside arrays too, but keeps array order", () => {
    const one = { z: { y: 1, x: [{ q: 1, p: 2 }, 3] }, a: null };
    const two = { a: null, z: { x: [{ p: 2, q: 1 }, 3], y: 1 } };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(canonicalJson(one)).toBe('{"a":null,"z":{"x":[{"p":2,"q":1},3],"y":1}}');
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it("sorts by code unit, not locale", () => {
    expect(canonicalJson({ b: 1, B: 2, a: 3, _: 4 })).toBe('{"B":2,"_":4,"a":3,"b":1}');
  });

  it("drops undefined members like JSON.stringify, keeps null", () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it("encodes scalars and strings exactly as JSON does", () => {
    for (const value of [0, -1.5, true, false, null, "", 'quote " and \\ and \n', "émoji 👩‍🔬"]) {
      expect(canonicalJson(value)).toBe(JSON.stringify(value));
    }
    expect(JSON.parse(canonicalJson({ k: "👩‍🔬\u0000" }))).toEqual({ k: "👩‍🔬\u0000" });
  });

  it("distinguishes values that differ only in nesting or type", () => {
    expect(canonicalJson({ a: { b: 1 } })).not.toBe(canonicalJson({ a: { b: "1" } }));
    expect(canonicalJson({ a: [] })).not.toBe(canonicalJson({ a: {} }));
  });
});
