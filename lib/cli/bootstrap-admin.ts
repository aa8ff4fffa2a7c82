import { secretFromEnv } from "@/lib/config";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";

/**
 * The operator's first account, for deployments without the demo (docker-compose): from
 * TRACEWELL_ADMIN_EMAIL and TRACEWELL_ADMIN_PASSWORD(_FILE), created only on an empty instance,
 * through the same audited service as `tracewell user create --admin`.
 */

export interface AdminSetting {
  email: string;
  password: string;
}

/** The configured initial admin, or null when none is configured; half a configuration is an error. */
export function initialAdminFromEnv(): AdminSetting | null {
  const email = process.env.TRACEWELL_ADMIN_EMAIL?.trim();
  const password = secretFromEnv("TRACEWELL_ADMIN_PASSWORD");
  if (!email && !password) return null;
  if (!email) throw new Error("TRACEWELL_ADMIN_PASSWORD is set but TRACEWELL_ADMIN_EMAIL is not: name the initial admin's email.");
  if (!password) {
    throw new Error(
      "TRACEWELL_ADMIN_EMAIL is set but no password: put the initial admin's password in the file named by TRACEWELL_ADMIN_PASSWORD_FILE " +
        "(docker-compose: ./secrets/admin_password) or in TRACEWELL_ADMIN_PASSWORD.",
    );
  }
  return { email, password };
}

/** Creates the admin when no account exists yet; returns the email it created, or null. */
export async function bootstrapAdmin(admin: AdminSetting): Promise<string | null> {
  if ((await db().user.count()) > 0) return null;
  try {
    const user = await createUser({ email: admin.email, password: admin.password, isAdmin: true, via: "cli" });
    return user.email;
  } catch (err) {
    // Another instance starting at the same moment created it first.
    if (err instanceof AppError && err.code === "conflict") return null;
    throw err;
  }
}
