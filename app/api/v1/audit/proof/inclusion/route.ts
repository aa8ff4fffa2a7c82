import { apiRoute, searchParams } from "@/lib/api/handler";
import { inclusion, requireAdmin } from "@/lib/audit/log-api";

export const dynamic = "force-dynamic";

/** RFC 6962 audit path of event `seq` in the tree of `treeSize` events (instance admins). */
export const GET = apiRoute(async ({ req, principal }) => {
  requireAdmin(principal);
  return inclusion(searchParams(req));
});
