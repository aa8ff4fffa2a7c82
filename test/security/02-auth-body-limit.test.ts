import http from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer, type RunningServer } from "../helpers/server";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
}, 120_000);
afterAll(async () => server?.stop());

const TOTAL = 50 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, "a");

/**
 * Streams up to 50 MB as a chunked body (no Content-Length), writing only as fast as the server
 * reads, and stops writing as soon as the response arrives: how much was sent shows how early
 * the server gave up.
 */
function chunkedPost(path: string): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(`${server.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" },
    });
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode!, body, sent });
      });
    });
    req.on("error", (err) => (answered ? undefined : reject(err)));
    const pump = () => {
      while (!answered && sent < TOTAL) {
        sent += CHUNK.length;
        if (!req.write(CHUNK)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

it("refuses a 50 MB chunked sign-in body with 413 long before it is all sent", async () => {
  const { status, body, sent } = await chunkedPost("/api/auth/callback/credentials");
  expect(status).toBe(413);
  expect(JSON.parse(body).error).toMatchObject({ code: "payload_too_large", details: { limit: 16 * 1024 } });
  // Socket buffers on both sides hold a few MB at most; reading it all would mean 50 MB.
  expect(sent).toBeLessThan(TOTAL / 2);
});

it("refuses a declared Content-Length over 16 KB on any auth POST", async () => {
  const res = await fetch(`${server.url}/api/auth/signout`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "x=" + "a".repeat(17 * 1024),
  });
  expect(res.status).toBe(413);
  expect((await res.json()).error.code).toBe("payload_too_large");
});

it("still signs in with a normal body", async () => {
  const res = await fetch(`${server.url}/api/auth/csrf`);
  expect(res.status).toBe(200);
  expect((await res.json()).csrfToken).toMatch(/^[0-9a-f]{64}$/);
});
