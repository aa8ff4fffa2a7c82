import { describe, expect, it } from "vitest";
import { canonicalBytes, canonicalize } from "@/lib/audit/jcs";

/** The double whose IEEE 754 bits are `hex`, as RFC 8785 Appendix B lists them. */
function ieee754(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe("RFC 8785 examples", () => {
  it("canonicalizes the §3.2.2 / cyberphone values.json example", () => {
    // Parsed from RFC 8785 §3.2.2's input text; expected output typed in from §3.2.4 and
    // cyberphone/json-canonicalization testdata/output/values.json.
    const input = JSON.parse(`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
      "literals": [null, true, false]
    }`);
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it("sorts member names by UTF-16 code units, astral and non-ASCII included (§3.2.3, weird.json)", () => {
    const input = {
      "\u20ac": "Euro Sign",
      "1": "One",
      "\u0080": "Control\u007f",
      "\ud83d\ude02": "Smiley",
      "\u00f6": "Latin Small Letter O With Diaeresis",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "</script>": "Browser Challenge",
    };
    // U+1F602 is the surrogate pair D83D DE02, so it sorts before U+FB33 although its code point is larger.
    expect(canonicalize(input)).toBe(
      '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f","ö":"Latin Small Letter O With Diaeresis",' +
        '"€":"Euro Sign","😂":"Smiley","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it("sorts the §3.2.3 example, with a carriage return and an emoji", () => {
    const input = {
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis",
    };
    expect(canonicalize(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis",' +
        '"€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it("ignores locale (french.json) and nests (structures.json)", () => {
    expect(canonicalize({ sin: "ingnore locale", pêche: "but canonicalization MUST", péché: "is wrong according to French", peach: "This sorting order" })).toBe(
      '{"peach":"This sorting order","péché":"is wrong according to French","pêche":"but canonicalization MUST","sin":"ingnore locale"}',
    );
    const structures = JSON.parse('{"1": {"f": {"f": "hi","F": 5} ,"\\n": 56.0}, "10": { }, "": "empty", "a": { }, "111": [ { } ], "A": { }}');
    expect(canonicalize(structures)).toBe('{"":"empty","1":{"\\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}');
  });

  it("leaves Unicode unnormalized (unicode.json)", () => {
    expect(canonicalize({ "Unnormalized Unicode": "\u1e0d\u0307" })).toBe('{"Unnormalized Unicode":"\u1e0d\u0307"}');
  });

  it.each([
    ["0000000000000000", "0"],
    ["8000000000000000", "0"], // minus zero
    ["0000000000000001", "5e-324"],
    ["8000000000000001", "-5e-324"],
    ["7fefffffffffffff", "1.7976931348623157e+308"],
    ["ffefffffffffffff", "-1.7976931348623157e+308"],
    ["4340000000000000", "9007199254740992"],
    ["c340000000000000", "-9007199254740992"],
    ["4430000000000000", "295147905179352830000"],
    ["44b52d02c7e14af5", "9.999999999999997e+22"],
    ["44b52d02c7e14af6", "1e+23"],
    ["44b52d02c7e14af7", "1.0000000000000001e+23"],
    ["444b1ae4d6e2ef4e", "999999999999999700000"],
    ["444b1ae4d6e2ef4f", "999999999999999900000"],
    ["444b1ae4d6e2ef50", "1e+21"],
    ["3eb0c6f7a0b5ed8c", "9.999999999999997e-7"],
    ["3eb0c6f7a0b5ed8d", "0.000001"],
    ["41b3de4355555553", "333333333.3333332"],
    ["41b3de4355555554", "333333333.33333325"],
    ["41b3de4355555555", "333333333.3333333"],
    ["41b3de4355555556", "333333333.3333334"],
    ["41b3de4355555557", "333333333.33333343"],
    ["becbf647612f3696", "-0.0000033333333333333333"],
    ["43143ff3c1cb0959", "1424953923781206.2"], // round to even
  ])("serializes the Appendix B number %s as %s", (bits, expected) => {
    expect(canonicalize(ieee754(bits))).toBe(expected);
    expect(canonicalize([ieee754(bits)])).toBe(`[${expected}]`);
  });

  it("switches to exponents at 1e21 and below 1e-6, like Number.prototype.toString", () => {
    expect(canonicalize([1e20, 1e21, 1e-6, 1e-7, -0, 0.1 + 0.2])).toBe("[100000000000000000000,1e+21,0.000001,1e-7,0,0.30000000000000004]");
  });
});

describe("what canonicalize refuses", () => {
  const refusal = (value: unknown, path: string, message: RegExp) => {
    expect(() => canonicalize(value)).toThrow(message);
    try {
      canonicalize(value);
    } catch (err) {
      expect(err).toMatchObject({ code: "invalid_input", details: { path } });
    }
  };

  it("refuses NaN and the infinities (§3.2.2.3)", () => {
    refusal(ieee754("7fffffffffffffff"), "", /NaN is not a JSON number/);
    refusal({ a: [1, ieee754("7ff0000000000000")] }, "/a/1", /Infinity is not a JSON number/);
    refusal({ a: -Infinity }, "/a", /-Infinity/);
  });

  it("refuses lone surrogates in values and in member names, saying where", () => {
    refusal({ note: "ok \ud800 then" }, "/note", /lone surrogate U\+D800 at UTF-16 offset 3/);
    refusal(["\udc00"], "/0", /lone surrogate U\+DC00/);
    refusal({ ["x\ude02"]: 1 }, "/x\ude02", /lone surrogate U\+DE02 at UTF-16 offset 1/);
    refusal("\ud83d", "", /lone surrogate/); // half an emoji
    expect(canonicalize("\ud83d\ude02")).toBe('"😂"'); // the whole pair is fine
  });

  it("refuses undefined, holes, functions, symbols and bigint instead of dropping them", () => {
    refusal({ a: undefined }, "/a", /undefined is not a JSON value/);
    refusal([1, , 3], "/1", /undefined/); // eslint-disable-line no-sparse-arrays
    refusal({ f: () => 1 }, "/f", /function/);
    refusal({ s: Symbol("s") }, "/s", /symbol/);
    refusal({ n: 10n }, "/n", /bigint/);
    refusal(undefined, "", /undefined/);
  });

  it("refuses non-plain objects, symbol keys and cycles", () => {
    refusal({ at: new Date(0) }, "/at", /Date is not a plain object/);
    refusal(new Map(), "", /Map is not a plain object/);
    refusal({ [Symbol("k")]: 1 }, "", /symbol-keyed/);
    const loop: Record<string, unknown> = { a: {} };
    (loop.a as Record<string, unknown>).back = loop;
    refusal(loop, "/a/back", /cycle/);
  });

  it("escapes / and ~ in the JSON Pointer it reports", () => {
    refusal({ "a/b": { "c~d": NaN } }, "/a~1b/c~0d", /NaN/);
  });

  it("allows the same object twice when it is not a cycle, and null-prototype objects", () => {
    const shared = { x: 1 };
    expect(canonicalize({ b: shared, a: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    expect(canonicalize(Object.assign(Object.create(null), { b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
  });
});

describe("canonicalBytes", () => {
  it("is the UTF-8 of the canonical text", () => {
    // { " a " : 1 , " € (e2 82 ac) " : " 😂 (f0 9f 98 82) " }
    expect(Buffer.from(canonicalBytes({ "€": "😂", a: 1 })).toString("hex")).toBe(
      "7b2261223a312c22e282ac223a22f09f988222" + "7d",
    );
  });
});
