import { z } from "zod";

/** ASVS 2.1.1: at least 12 characters; 2.1.2: at most 128 must be allowed (we allow 256). */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

// Characters as people count them (code points): an emoji is one, not two UTF-16 units.
const length = (value: string) => [...value].length;

export const ZPassword = z
  .string()
  .refine((p) => length(p) >= MIN_PASSWORD_LENGTH, `Password must have at least ${MIN_PASSWORD_LENGTH} characters`)
  .refine((p) => length(p) <= MAX_PASSWORD_LENGTH, `Password must have at most ${MAX_PASSWORD_LENGTH} characters`);

/** The first thing anyone guesses; compared the way sign-in compares emails. */
export function isEmailAsPassword(password: string, email: string): boolean {
  return password.trim().toLowerCase() === email.trim().toLowerCase();
}

export const EMAIL_AS_PASSWORD = "The password must not be your email address";

/** Adds the "not your email" rule to an object schema with an email and a password field. */
export function refusingEmailAsPassword<T extends z.ZodType<Record<string, unknown>>>(schema: T, passwordField = "password") {
  return schema.superRefine((value, ctx) => {
    const password = value[passwordField];
    const email = value.email;
    if (typeof password === "string" && typeof email === "string" && isEmailAsPassword(password, email)) {
      ctx.addIssue({ code: "custom", path: [passwordField], message: EMAIL_AS_PASSWORD });
    }
  });
}
