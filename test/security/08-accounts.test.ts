import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { changePassword } from "@/lib/users/change-password";
import { createUser } from "@/lib/users/create-user";
import { signUp } from "@/lib/users/sign-up";
import { startServer, type RunningServer } from "../helpers/server";
import { PASSWORD, uniqueEmail } from "../helpers/users";

const issuesOf = (err: unknown) => (err as ZodError).issues.map((i) => `${i.path.join(".")}: ${i.message}`);

describe("password policy", () => {
  it("refuses passwords under 12 characters, for sign-up and for the CLI", async () => {
    const count = await db().user.count();
    for (const via of ["sign-up", "cli"] as const) {
      const err = await createUser({ email: uniqueEmail(), password: "elevenchars", via }).catch((e) => e);
      expect(err).toBeInstanceOf(ZodError);
      expect(issuesOf(err)).toEqual(["password: Password must have at least 12 characters"]);
    }
    expect(await db().user.count()).toBe(count);
    // Exactly twelve characters is enough: the account is stored.
    await createUser({ email: uniqueEmail(), password: "twelve chars", via: "cli" });
    expect(await db().user.count()).toBe(count + 1);
  });

  it("counts characters, not bytes or UTF-16 units", async () => {
    // 11 emoji are 22 UTF-16 units and 44 bytes, but still 11 characters.
    const err = await createUser({ email: uniqueEmail(), password: "🔑".repeat(11), via: "cli" }).catch((e) => e);
    expect(err).toBeInstanceOf(ZodError);
  });

  it("refuses a password equal to the email, in any case and spacing", async () => {
    const email = uniqueEmail("same");
    const err = await createUser({ email, password: ` ${email.toUpperCase()} `, via: "sign-up" }).catch((e) => e);
    expect(err).toBeInstanceOf(ZodError);
    expect(issuesOf(err)).toEqual(["password: The password must not be your email address"]);
  });

  it("applies to a password change, which also needs the current password", async () => {
    const email = uniqueEmail("change");
    const user = await createUser({ email, password: PASSWORD, via: "cli" });
    const short = await changePassword({ userId: user.id, currentPassword: PASSWORD, newPassword: "too short", ip: null }).catch((e) => e);
    expect(short).toBeInstanceOf(ZodError);
    const same = await changePassword({ userId: user.id, currentPassword: PASSWORD, newPassword: email, ip: null }).catch((e) => e);
    expect(same).toBeInstanceOf(ZodError);
    const wrong = await changePassword({ userId: user.id, currentPassword: "not the password", newPassword: "brand new passphrase", ip: null }).catch((e) => e);
    expect(wrong).toBeInstanceOf(AppError);
    expect(wrong).toMatchObject({ code: "invalid_input" });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash);
  });
});

describe("sign-up", () => {
  afterEach(() => {
    delete process.env.TRACEWELL_SIGNUP;
  });
  const input = () => ({ email: uniqueEmail("signup"), password: PASSWORD, name: "New person" });

  it("is limited per address", async () => {
    const results = [];
    for (let i = 0; i < 12; i++) results.push(await signUp({ input: input(), ip: "198.51.100.77" }).then(() => "ok", (e) => e));
    const refused = results.filter((r) => r instanceof AppError && r.code === "too_many_requests");
    expect(results.slice(0, 10)).toEqual(Array(10).fill("ok"));
    expect(refused).toHaveLength(2);
    expect((refused[0] as AppError).details).toMatchObject({ retryAfter: expect.any(Number) });
    expect(await signUp({ input: input(), ip: "198.51.100.78" })).toMatchObject({ name: "New person" });
  });

  it("refuses everyone when TRACEWELL_SIGNUP=closed, creating nothing", async () => {
    process.env.TRACEWELL_SIGNUP = "closed";
    const count = await db().user.count();
    const err = await signUp({ input: input(), ip: "198.51.100.90" }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "forbidden" });
    expect(await db().user.count()).toBe(count);
  });
});

describe("with TRACEWELL_SIGNUP=closed on the real server", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { TRACEWELL_SIGNUP: "closed" } });
  }, 120_000);
  afterAll(async () => server?.stop());

  it("the sign-up page says so and offers no form", async () => {
    const html = await (await fetch(`${server.url}/sign-up`)).text();
    expect(html).toContain("Sign-up is closed");
    expect(html).not.toContain('name="password"');
  });

  it("the sign-in page has no sign-up link", async () => {
    const html = await (await fetch(`${server.url}/sign-in`)).text();
    expect(html).toContain("Sign in");
    expect(html).not.toContain('href="/sign-up"');
  });
});
