import { apiRoute, readJson } from "@/lib/api/handler";
import { presentToken } from "@/lib/api/presenters";
import { gatePrincipal } from "@/lib/auth/gate";
import { createToken } from "@/lib/tokens/create-token";
import { listTokens } from "@/lib/tokens/list-tokens";

export const GET = apiRoute(async ({ principal }) => {
  const tokens = await listTokens({ userId: principal.userId });
  return { tokens: tokens.map(presentToken), nextCursor: null };
});

/** The secret is in this response only; it cannot be read again. Sessions only: tokens cannot mint tokens. */
export const POST = apiRoute(
  async ({ req, principal }) => {
    gatePrincipal(principal, "token.create");
    const { token, secret } = await createToken({ userId: principal.userId, input: await readJson(req) });
    return { ...presentToken(token), token: secret };
  },
  { status: 201 },
);
