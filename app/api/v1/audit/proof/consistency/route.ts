import { apiRoute, searchParams } from "@/lib/api/handler";
import { consistency, requireAdmin } from "@/lib/audit/log-api";

export const dynamic = "force-dynamic";

/** RFC 6962 consistency proof between the trees of `from` and `to` events (instance admins). */
export const GET = apiRoute(async ({ req, principal }) => {
  requireAdmin(principal);
  return consistency(searchParams(req));
});
