import { afterAll, beforeAll, expect, test } from "vitest";
import { startServer, type RunningServer } from "../helpers/server";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
}, 120_000);
afterAll(async () => server?.stop());

test("the real server answers health on its own port", async () => {
  const res = await fetch(`${server.url}/api/v1/health`);
  expect(await res.json()).toEqual({ status: "ok", db: "up" });
});
