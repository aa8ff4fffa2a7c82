import { z } from "zod";
import { ZPassword, refusingEmailAsPassword } from "./password-policy";

export { ZPassword } from "./password-policy";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address" }).max(254));

export const ZUserName = z.string().trim().min(1, "Enter a name").max(120);

/** Email and a new password, under the password policy (the CLI, sign-up). */
export const ZNewCredentials = refusingEmailAsPassword(z.object({ email: ZEmail, password: ZPassword }));

export const ZSignUp = refusingEmailAsPassword(z.object({ email: ZEmail, password: ZPassword, name: ZUserName }));

export const ZChangePassword = z.object({
  currentPassword: z.string().min(1, "Enter your current password").max(1024),
  newPassword: ZPassword,
});
