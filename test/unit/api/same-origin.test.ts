import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { assertSameOrigin } from "@/lib/api/same-origin";

function request(headers: Record<string, string>) {
  return new NextRequest("http://localhost:3000/api/v1/projects/p/documents", { method: "POST", headers });
}

describe("assertSameOrigin (session-authenticated writes)", () => {
  it("accepts our own pages and clients that send no Origin", () => {
    expect(() => assertSameOrigin(request({ host: "localhost:3000", origin: "http://localhost:3000", "sec-fetch-site": "same-origin" }))).not.toThrow();
    expect(() => assertSameOrigin(request({ host: "localhost:3000" }))).not.toThrow();
  });

  it("refuses what the browser marks cross-site, another Origin, and the opaque null origin", () => {
    for (const headers of <Record<string, string>[]>[
      { host: "localhost:3000", "sec-fetch-site": "cross-site" },
      { host: "localhost:3000", origin: "https://evil.example" },
      { host: "localhost:3000", origin: "null" },
      { host: "localhost:3000", origin: "http://[" },
      { host: "localhost:3000", origin: "https://evil.example", "x-forwarded-host": "evil.example" },
    ]) {
      expect(() => assertSameOrigin(request(headers))).toThrow(expect.objectContaining({ code: "forbidden" }));
    }
  });
});

describe("assertSameOrigin behind a trusted proxy (TRACEWELL_TRUST_PROXY=1)", () => {
  afterEach(() => {
    delete process.env.TRACEWELL_TRUST_PROXY;
  });

  it("compares with the public host the proxy states in X-Forwarded-Host", () => {
    process.env.TRACEWELL_TRUST_PROXY = "1";
    const headers = { host: "app:3000", origin: "https://tracewell.example", "x-forwarded-host": "tracewell.example" };
    expect(() => assertSameOrigin(request(headers))).not.toThrow();
    expect(() => assertSameOrigin(request({ ...headers, origin: "https://evil.example" }))).toThrow(expect.objectContaining({ code: "forbidden" }));
  });
});
