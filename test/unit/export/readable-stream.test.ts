import { describe, expect, it } from "vitest";
import { readableFrom } from "@/lib/export/readable";

const bytes = (s: string) => new TextEncoder().encode(s);

/** A source that records what was asked of it. */
function source(chunks: string[], { failAt = -1 } = {}) {
  const log: string[] = [];
  async function* generate() {
    try {
      for (const [i, chunk] of chunks.entries()) {
        if (i === failAt) throw new Error("writer failed");
        log.push(`make ${chunk}`);
        yield bytes(chunk);
      }
    } finally {
      log.push("finally");
    }
  }
  return { log, chunks: generate() };
}

describe("readableFrom", () => {
  it("makes a chunk only when the reader asks for one, skipping empty chunks", async () => {
    const { log, chunks } = source(["a", "", "b"]);
    const reader = readableFrom(chunks).getReader();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(log).toEqual([]);
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("a");
    expect(log).toEqual(["make a"]);
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("b");
    expect((await reader.read()).done).toBe(true);
    expect(log).toEqual(["make a", "make ", "make b", "finally"]);
  });

  it("returns the source when the reader cancels (a client that goes away)", async () => {
    const { log, chunks } = source(["a", "b", "c"]);
    const reader = readableFrom(chunks).getReader();
    await reader.read();
    await reader.cancel();
    expect(log).toEqual(["make a", "finally"]);
  });

  it("errors the stream when the source fails after the first bytes", async () => {
    const errors: unknown[] = [];
    const { chunks } = source(["a", "b"], { failAt: 1 });
    const reader = readableFrom(chunks, (err) => errors.push(err)).getReader();
    await reader.read();
    await expect(reader.read()).rejects.toThrow("writer failed");
    expect(errors).toHaveLength(1);
  });
});
