import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { contentSecurityPolicy } from "@/lib/http/security-headers";
import { startServer, type RunningServer } from "../helpers/server";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
}, 120_000);
afterAll(async () => server?.stop());

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

const PATHS = ["/sign-in", "/sign-up", "/does-not-exist", "/api/v1/health", "/api/v1/me", "/api/v1/openapi.json"];

describe.each(PATHS)("%s", (path) => {
  test("carries the security headers", async () => {
    const res = await fetch(`${server.url}${path}`, { redirect: "manual" });
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    const csp = directives(res.headers.get("content-security-policy") ?? "");
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    const scriptSrc = csp.get("script-src") ?? [];
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(scriptSrc.filter((s) => s.startsWith("'nonce-"))).toHaveLength(1);
  });
});

describe("pages", () => {
  test.each(["/sign-in", "/sign-up", "/does-not-exist"])("every script in %s carries this response's nonce", async (path) => {
    const res = await fetch(`${server.url}${path}`);
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{24}$/);
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    // No inline event handlers either: a nonce cannot cover them.
    expect(html).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
  });

  test("each response has a nonce of its own, and a client's own policy header is ignored", async () => {
    const injected = "script-src 'nonce-attacker'";
    const a = await fetch(`${server.url}/sign-in`, { headers: { "content-security-policy": injected } });
    const b = await fetch(`${server.url}/sign-in`);
    const nonceA = /'nonce-([^']+)'/.exec(a.headers.get("content-security-policy")!)?.[1];
    const nonceB = /'nonce-([^']+)'/.exec(b.headers.get("content-security-policy")!)?.[1];
    expect(nonceA).not.toBe("attacker");
    expect(nonceA).not.toBe(nonceB);
    expect(await a.text()).not.toContain('nonce="attacker"');
  });
});

test("development mode adds only what React's dev build needs", () => {
  const dev = directives(contentSecurityPolicy("n", { dev: true }));
  expect(dev.get("script-src")).toContain("'unsafe-eval'");
  expect(dev.get("script-src")).not.toContain("'unsafe-inline'");
  expect(directives(contentSecurityPolicy("n")).get("script-src")).not.toContain("'unsafe-eval'");
});
