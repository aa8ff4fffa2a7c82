import { describe, expect, it } from "vitest";
import { decodeUtf8Strict, maxJsonBytes, readBodyLimited } from "@/lib/api/read-body";
import { readJson } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";

/** A body that never ends, counting how much of it was pulled. */
function endless(): { req: Request; pulled: () => number } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 1024;
      controller.enqueue(new Uint8Array(1024));
    },
  });
  const req = new Request("http://x/", { method: "POST", body, duplex: "half", headers: { "content-type": "application/json" } } as RequestInit);
  return { req, pulled: () => pulled };
}

const json = (body: BodyInit) => new Request("http://x/", { method: "POST", body, headers: { "content-type": "application/json" } });

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("readBodyLimited", () => {
  it("stops pulling an endless body just past the limit", async () => {
    const { req, pulled } = endless();
    expect((await errorOf(readBodyLimited(req, 10_000))).code).toBe("payload_too_large");
    expect(pulled()).toBeLessThan(20_000);
  });

  it("refuses a declared length over the limit without reading", async () => {
    const req = new Request("http://x/", { method: "POST", body: "x".repeat(100), headers: { "content-length": "100" } });
    expect((await errorOf(readBodyLimited(req, 10))).code).toBe("payload_too_large");
    expect(req.bodyUsed).toBe(false);
  });

  it("returns a body at the limit whole", async () => {
    expect((await readBodyLimited(json("abcd"), 4)).length).toBe(4);
  });
});

describe("maxJsonBytes", () => {
  it("defaults to 1 MB and takes TRACEWELL_MAX_JSON_BYTES", () => {
    expect(maxJsonBytes({})).toBe(1024 * 1024);
    expect(maxJsonBytes({ TRACEWELL_MAX_JSON_BYTES: "2048" })).toBe(2048);
  });

  it.each(["abc", "0", "-5", "1.5"])("refuses %j with an error naming the setting", (raw) => {
    expect(() => maxJsonBytes({ TRACEWELL_MAX_JSON_BYTES: raw })).toThrow(/TRACEWELL_MAX_JSON_BYTES must be a positive whole number/);
  });
});

describe("readJson", () => {
  it("refuses invalid UTF-8 instead of replacing it", async () => {
    const bytes = Buffer.concat([Buffer.from('{"name":"a'), Buffer.from([0xff]), Buffer.from('b"}')]);
    expect((await errorOf(readJson(json(bytes)))).message).toMatch(/not valid UTF-8/);
    expect(() => decodeUtf8Strict(new Uint8Array([0xc3]))).toThrow(/not valid UTF-8/);
  });

  it.each([
    ["NUL escape", '{"name":"a\\u0000"}', /`name` contains a NUL/],
    ["lone surrogate escape", '{"name":"\\ud800"}', /`name` contains a lone UTF-16 surrogate/],
    ["deep nesting", `{"a":${"[".repeat(100)}${"]".repeat(100)}}`, /nested too deeply/],
    ["100 000 levels", "[".repeat(100_000) + "]".repeat(100_000), /nested too deeply/],
    ["broken JSON", '{"name":', /not valid JSON/],
  ])("%s is a 400", async (_name, body, message) => {
    const err = await errorOf(readJson(json(body)));
    expect([err.status, err.message]).toEqual([400, expect.stringMatching(message)]);
  });

  it("keeps valid astral text intact", async () => {
    expect(await readJson(json('{"name":"\\ud83d\\ude00 😀"}'))).toEqual({ name: "😀 😀" });
  });
});
