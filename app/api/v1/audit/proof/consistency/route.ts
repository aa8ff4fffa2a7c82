import { apiRoute, searchParams } from "@/lib/api/handler";
import { consistency } from "@/lib/audit/log-api";
import { gatePrincipal } from "@/lib/auth/gate";

export const dynamic = "force-dynamic";

/** RFC 6962 consistency proof between the trees of `from` and `to` events (instance admins). */
export const GET = apiRoute(async ({ req, principal }) => {
  gatePrincipal(principal, "audit.read");
  return consistency(searchParams(req));
});
