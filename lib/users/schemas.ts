import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address" }).max(254));

export const ZPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Password must have at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256, "Password must have at most 256 characters");

export const ZUserName = z.string().trim().min(1, "Enter a name").max(120);

export const ZSignUp = z.object({ email: ZEmail, password: ZPassword, name: ZUserName });
