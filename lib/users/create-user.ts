import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { ZNewCredentials, ZUserName } from "./schemas";

export interface CreateUserOptions {
  email: string;
  password: string;
  name?: string;
  /** Force admin rights (CLI `--admin`); the first account of an empty instance is admin anyway. */
  isAdmin?: boolean;
  via: "sign-up" | "cli" | "demo";
  actorId?: string | null;
}

export async function createUser(options: CreateUserOptions) {
  const { email, password } = ZNewCredentials.parse({ email: options.email, password: options.password });
  const name = ZUserName.parse(options.name ?? email.split("@")[0]);
  const passwordHash = await hashPassword(password);

  return auditedTransaction(async (tx, audit) => {
    // Serialised with every other audited writer, so exactly one account can be the first.
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      throw new AppError("conflict", `An account with ${email} already exists`);
    }
    const isAdmin = options.isAdmin === true || (await tx.user.count()) === 0;
    const user = await tx.user.create({ data: { email, name, passwordHash, isAdmin } });
    await audit({
      action: "user.created",
      subjectType: "user",
      subjectId: user.id,
      actorId: options.actorId ?? user.id,
      data: { email, isAdmin, via: options.via },
    });
    return user;
  }, { serialize: true });
}
