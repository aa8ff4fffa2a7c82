import { apiRoute } from "@/lib/api/handler";
import { presentToken } from "@/lib/api/presenters";
import { revokeToken } from "@/lib/tokens/revoke-token";

/** Revokes the token; it stays listed, marked revoked, so its history remains visible. */
export const DELETE = apiRoute<{ tokenId: string }>(async ({ params, principal }) => {
  return presentToken(await revokeToken({ userId: principal.userId, tokenId: params.tokenId }));
});
