import { afterEach, describe, expect, it, vi } from "vitest";
import { newAnnotationId } from "@/components/annotations/new-id";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("newAnnotationId", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("is a version 4 UUID the API accepts", () => {
    expect(newAnnotationId()).toMatch(UUID_V4);
  });

  it("still makes distinct version 4 UUIDs where randomUUID is missing (plain HTTP on a network)", () => {
    const real = globalThis.crypto;
    vi.stubGlobal("crypto", { getRandomValues: (bytes: Uint8Array) => real.getRandomValues(bytes) });
    const ids = new Set(Array.from({ length: 200 }, () => newAnnotationId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });
});
