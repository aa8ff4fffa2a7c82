import { afterEach, describe, expect, it, vi } from "vitest";
import { ZodError } from "zod";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";
import { signIn } from "@/lib/users/sign-in";
import { PASSWORD, uniqueEmail } from "../helpers/users";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("createUser", () => {
  // Must run first in this file: the template database has no users.
  it("makes the first account of an empty instance admin, and no later one", async () => {
    expect(await db().user.count()).toBe(0);
    const first = await createUser({ email: uniqueEmail("first"), password: PASSWORD, via: "sign-up" });
    const second = await createUser({ email: uniqueEmail("second"), password: PASSWORD, via: "sign-up" });
    const forced = await createUser({ email: uniqueEmail("forced"), password: PASSWORD, via: "cli", isAdmin: true });
    expect([first.isAdmin, second.isAdmin, forced.isAdmin]).toEqual([true, false, true]);
  });

  it("stores the email trimmed and lower-cased, and names the user after it by default", async () => {
    const local = `Ada.${uniqueEmail("lovelace").split("@")[0]}`;
    const user = await createUser({ email: `  ${local}@Example.COM `, password: PASSWORD, via: "cli" });
    expect(user.email).toBe(`${local.toLowerCase()}@example.com`);
    expect(user.name).toBe(local.toLowerCase());
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
  });

  it("stores an argon2id hash that verifies, never the password", async () => {
    const user = await createUser({ email: uniqueEmail(), password: PASSWORD, via: "cli" });
    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$/);
    expect(stored.passwordHash).not.toContain(PASSWORD);
    expect(await verifyPassword(stored.passwordHash!, PASSWORD)).toBe(true);
  });

  it("records user.created without the password", async () => {
    const user = await createUser({ email: uniqueEmail(), password: PASSWORD, via: "demo" });
    const event = await db().auditEvent.findFirstOrThrow({ where: { subjectId: user.id } });
    expect(event).toMatchObject({ action: "user.created", subjectType: "user", actorId: user.id });
    expect(event.data).toEqual({ email: user.email, isAdmin: false, via: "demo" });
    expect(JSON.stringify({ ...event, seq: String(event.seq), xid: String(event.xid) })).not.toContain(PASSWORD);
  });

  it("refuses a second account with the same email, in any case, with conflict", async () => {
    const email = uniqueEmail("dup");
    await createUser({ email, password: PASSWORD, via: "cli" });
    const count = await db().user.count();
    const error = await createUser({ email: email.toUpperCase(), password: PASSWORD, via: "cli" }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "conflict", status: 409 });
    expect(await db().user.count()).toBe(count);
  });

  it.each([
    ["a short password", { email: "short@example.com", password: "12345678901" }, ["password"]],
    ["an invalid email", { email: "not an email", password: PASSWORD }, []],
    ["a blank name", { email: "blank@example.com", password: PASSWORD, name: "   " }, []],
  ])("rejects %s with a ZodError before touching the database", async (_, input, path) => {
    const count = await db().user.count();
    const error = await createUser({ ...input, via: "cli" }).catch((e) => e);
    expect(error).toBeInstanceOf(ZodError);
    if (path.length) expect((error as ZodError).issues[0]!.message).toMatch(/at least 12/);
    expect(await db().user.count()).toBe(count);
  });
});

describe("signIn", () => {
  async function account() {
    const email = uniqueEmail("signin");
    const user = await createUser({ email, password: PASSWORD, via: "cli" });
    return { email, user };
  }

  it("returns the user for the right password, whatever the email's case and spacing", async () => {
    const { email, user } = await account();
    expect((await signIn({ email, password: PASSWORD, ip: null })).id).toBe(user.id);
    expect((await signIn({ email: `  ${email.toUpperCase()} `, password: PASSWORD, ip: "10.0.0.1" })).id).toBe(user.id);
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    const { email } = await account();
    const wrong = await signIn({ email, password: "wrong password", ip: null }).catch((e) => e);
    const unknown = await signIn({ email: uniqueEmail("nobody"), password: PASSWORD, ip: null }).catch((e) => e);
    expect(wrong).toBeInstanceOf(AppError);
    expect({ code: wrong.code, message: wrong.message }).toEqual({ code: "unauthenticated", message: "Wrong email or password" });
    expect({ code: unknown.code, message: unknown.message }).toEqual({ code: wrong.code, message: wrong.message });
  });

  it("refuses an account without a password", async () => {
    const { email, user } = await account();
    await db().user.update({ where: { id: user.id }, data: { passwordHash: null } });
    await expect(signIn({ email, password: PASSWORD, ip: null })).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("locks an (account, address) after 5 failures, even for the right password", async () => {
    const { email } = await account();
    for (let i = 0; i < 5; i++) {
      await expect(signIn({ email, password: `wrong ${i}`, ip: null })).rejects.toMatchObject({ code: "unauthenticated" });
    }
    const locked = await signIn({ email, password: PASSWORD, ip: null }).catch((e) => e);
    expect(locked).toBeInstanceOf(AppError);
    expect(locked.code).toBe("too_many_requests");
    expect(locked.status).toBe(429);
    expect(locked.details.retryAfter).toBeGreaterThan(0);
    expect(locked.details.retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(locked.message).toContain(`${locked.details.retryAfter} seconds`);
    // The lock is per (account, address): another account on the same address is unaffected,
    // and so is the same account from another address.
    const other = await account();
    expect((await signIn({ email: other.email, password: PASSWORD, ip: null })).id).toBe(other.user.id);
    expect((await signIn({ email, password: PASSWORD, ip: "10.0.0.2" })).email).toBe(email);
  });

  it("counts every one of many parallel wrong guesses", async () => {
    const { email } = await account();
    const guesses = Array.from({ length: 10 }, (_, i) => signIn({ email, password: `guess ${i}`, ip: "10.9.9.9" }).catch((e) => e));
    await Promise.all(guesses);
    const rows = await db().signInThrottle.findMany({ where: { key: { in: [`account:${email}|10.9.9.9`, "ip:10.9.9.9"] } } });
    expect(Object.fromEntries(rows.map((r) => [r.key, r.failures]))).toEqual({ [`account:${email}|10.9.9.9`]: 10, "ip:10.9.9.9": 10 });
    await expect(signIn({ email, password: PASSWORD, ip: "10.9.9.9" })).rejects.toMatchObject({ code: "too_many_requests" });
  });

  it("forgets earlier failures after a successful sign-in", async () => {
    const { email, user } = await account();
    for (let i = 0; i < 4; i++) await signIn({ email, password: "nope nope", ip: null }).catch(() => {});
    await signIn({ email, password: PASSWORD, ip: null });
    for (let i = 0; i < 4; i++) await signIn({ email, password: "nope nope", ip: null }).catch(() => {});
    expect((await signIn({ email, password: PASSWORD, ip: null })).id).toBe(user.id);
  });

  it("never logs or stores the password it was given", async () => {
    const { email } = await account();
    const secret = `Sup3r-secret-${Math.random().toString(36).slice(2)}`;
    const spies = (["log", "info", "warn", "error", "debug", "trace"] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation(() => {}),
    );
    const stdout = vi.spyOn(process.stdout, "write");
    const stderr = vi.spyOn(process.stderr, "write");

    const error = await signIn({ email, password: secret, ip: "192.0.2.7" }).catch((e) => e);
    await signIn({ email: uniqueEmail("ghost"), password: secret, ip: "192.0.2.7" }).catch(() => {});

    expect(error).toBeInstanceOf(AppError);
    const logged = [...spies, stdout, stderr].flatMap((spy) => spy.mock.calls.flat()).map((arg) => String(arg));
    for (const line of logged) expect(line).not.toContain(secret);
    expect(`${error.message} ${JSON.stringify(error.details ?? null)}`).not.toContain(secret);
    const throttle = await db().signInThrottle.findMany();
    expect(JSON.stringify(throttle)).not.toContain(secret);
  });
});
