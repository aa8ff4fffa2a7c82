import { apiRoute, readJson } from "@/lib/api/handler";
import { clientAddress } from "@/lib/auth/client-address";
import { changePassword } from "@/lib/users/change-password";
import { ZChangePassword } from "@/lib/users/schemas";

/**
 * Sessions and tokens alike may call this: it needs the current password, which a stolen token or
 * cookie does not carry. Every session of the user ends; the caller signs in again.
 */
export const POST = apiRoute(async ({ req, principal }) => {
  const input = ZChangePassword.parse(await readJson(req));
  await changePassword({ userId: principal.userId, ...input, ip: clientAddress(req.headers) });
  return undefined;
});
