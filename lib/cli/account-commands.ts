import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createToken } from "@/lib/tokens/create-token";
import { createUser } from "@/lib/users/create-user";
import { withDatabase } from "./with-database";

type Values = { email?: string; password?: string; name?: string; admin?: boolean; "expires-in-days"?: string; scope?: string };

export function runUserCreate(values: Values): Promise<number> {
  if (!values.email || !values.password) throw new AppError("bad_request", "user create needs --email and --password");
  return withDatabase(async () => {
    const user = await createUser({
      email: values.email!,
      password: values.password!,
      name: values.name,
      isAdmin: values.admin,
      via: "cli",
    });
    console.log(`Created ${user.email}${user.isAdmin ? " (instance admin)" : ""} with id ${user.id}`);
    return 0;
  });
}

export function runTokenCreate(values: Values): Promise<number> {
  if (!values.email) throw new AppError("bad_request", "token create needs --email");
  const email = values.email.trim().toLowerCase();
  return withDatabase(async () => {
    const user = await db().user.findUnique({ where: { email } });
    if (!user) throw new AppError("not_found", `No account uses ${email}`);
    const days = values["expires-in-days"];
    // Flags arrive as text; the service's schema checks range (1–365) and scope (read|write).
    const { token, secret } = await createToken({
      userId: user.id,
      input: {
        name: values.name ?? "CLI token",
        ...(days !== undefined ? { expiresInDays: Number(days) } : {}),
        ...(values.scope !== undefined ? { scope: values.scope } : {}),
      },
    });
    console.error(`Token "${token.name}" for ${user.email}, scope ${token.scope}, expires ${token.expiresAt.toISOString()}. It is shown only once:`);
    console.log(secret);
    return 0;
  });
}
