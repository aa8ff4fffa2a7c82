import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockedFor, recordFailure, throttleKeys } from "@/lib/auth/throttle";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";
import { signIn } from "@/lib/users/sign-in";
import { postCredentials } from "../helpers/auth-http";
import { useDatabase } from "../helpers/database";
import { startServer, type RunningServer } from "../helpers/server";
import { PASSWORD, uniqueEmail } from "../helpers/users";

async function account(tag = "throttle") {
  const email = uniqueEmail(tag);
  const user = await createUser({ email, password: PASSWORD, via: "cli" });
  return { email, user };
}

const fail = (email: string, ip: string) => signIn({ email, password: "wrong password!", ip }).catch((e: unknown) => e);

describe("signIn throttling", () => {
  it("never lets failures from one address block the right password from another", async () => {
    const { email, user } = await account("victim");
    for (let i = 0; i < 25; i++) await fail(email, "198.51.100.66");
    expect((await signIn({ email, password: PASSWORD, ip: "203.0.113.10" })).id).toBe(user.id);
  });

  it("throttles one address guessing one account, even for the right password, with a retry time", async () => {
    const { email } = await account();
    for (let i = 0; i < 5; i++) expect(await fail(email, "198.51.100.1")).toMatchObject({ code: "unauthenticated" });
    const locked = await signIn({ email, password: PASSWORD, ip: "198.51.100.1" }).catch((e) => e);
    expect(locked).toBeInstanceOf(AppError);
    expect(locked).toMatchObject({ code: "too_many_requests", status: 429 });
    expect(locked.details.retryAfter).toBeGreaterThan(0);
    expect(locked.message).toContain(`${locked.details.retryAfter} seconds`);
  });

  it("lets an office behind one address survive a few typos each", async () => {
    const staff = await Promise.all(Array.from({ length: 10 }, () => account("office")));
    for (const { email } of staff) {
      await fail(email, "192.0.2.200");
      await fail(email, "192.0.2.200");
    }
    for (const { email, user } of staff) {
      expect((await signIn({ email, password: PASSWORD, ip: "192.0.2.200" })).id).toBe(user.id);
    }
  });

  it("stops one address sweeping many accounts, without stopping other addresses", async () => {
    const sweep = Array.from({ length: 60 }, () => uniqueEmail("swept"));
    const outcomes = [];
    for (const email of sweep) outcomes.push(await fail(email, "192.0.2.66"));
    const refused = outcomes.filter((e) => (e as AppError).code === "too_many_requests").length;
    expect(refused).toBeGreaterThanOrEqual(20);
    const { email, user } = await account("bystander");
    await expect(signIn({ email, password: PASSWORD, ip: "192.0.2.66" })).rejects.toMatchObject({ code: "too_many_requests" });
    expect((await signIn({ email, password: PASSWORD, ip: "192.0.2.67" })).id).toBe(user.id);
  });

  it("makes each further failure after a lock wait longer", async () => {
    const keys = throttleKeys(uniqueEmail("grow"), "198.51.100.9");
    let now = Date.UTC(2030, 0, 1);
    for (let i = 0; i < 5; i++) await recordFailure(keys, new Date(now));
    const waits = [await lockedFor(keys, new Date(now))];
    for (let i = 0; i < 3; i++) {
      now += waits.at(-1)! * 1000 + 1000; // the lock has passed; this guess is allowed and wrong
      expect(await lockedFor(keys, new Date(now))).toBe(0);
      await recordFailure(keys, new Date(now));
      waits.push(await lockedFor(keys, new Date(now)));
    }
    expect(waits[0]).toBeGreaterThan(0);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThan(waits[i - 1]!);
  });
});

describe("the credentials callback of the real server", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { TRACEWELL_TRUST_PROXY: "1" } });
    await useDatabase({ name: "srv", url: server.databaseUrl });
  }, 120_000);
  afterAll(async () => server?.stop());

  it("answers 429 with Retry-After, and a url whose error the sign-in form shows", async () => {
    const { email } = await account();
    const from = { "x-forwarded-for": "198.51.100.20" };
    for (let i = 0; i < 5; i++) {
      expect((await postCredentials(server.url, { email, password: "wrong password!", headers: from })).status).toBe(401);
    }
    const locked = await postCredentials(server.url, { email, password: PASSWORD, headers: from });
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(locked.body.error).toMatchObject({ code: "too_many_requests", details: { retryAfter } });
    expect(new URL(locked.body.url).searchParams.get("error")).toBe(`Too many failed sign-ins. Try again in ${retryAfter} seconds.`);
    expect(locked.jar.get("next-auth.session-token")).toBeUndefined();
  });

  it("keys on the last X-Forwarded-For entry (the one our proxy added) when the proxy is trusted", async () => {
    const { email } = await account();
    // A client can prepend anything to X-Forwarded-For; the proxy appends the address it saw.
    for (let i = 0; i < 6; i++) {
      await postCredentials(server.url, { email, password: "wrong password!", headers: { "x-forwarded-for": `10.0.0.${i}, 198.51.100.30` } });
    }
    const sameClient = await postCredentials(server.url, { email, password: PASSWORD, headers: { "x-forwarded-for": "10.9.9.9, 198.51.100.30" } });
    expect(sameClient.status).toBe(429);
    const otherClient = await postCredentials(server.url, { email, password: PASSWORD, headers: { "x-forwarded-for": "198.51.100.31" } });
    expect(otherClient.status).toBe(200);
    expect(otherClient.jar.get("next-auth.session-token")).toMatch(/^\S{20,}$/);
  });
});

describe("without TRACEWELL_TRUST_PROXY", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
    await useDatabase({ name: "srv", url: server.databaseUrl });
  }, 120_000);
  afterAll(async () => server?.stop());

  it("ignores X-Forwarded-For: a made-up address does not escape the throttle", async () => {
    const { email } = await account();
    for (let i = 0; i < 6; i++) {
      await postCredentials(server.url, { email, password: "wrong password!", headers: { "x-forwarded-for": `203.0.113.${i}` } });
    }
    const res = await postCredentials(server.url, { email, password: PASSWORD, headers: { "x-forwarded-for": "203.0.113.99" } });
    expect(res.status).toBe(429);
  });
});
