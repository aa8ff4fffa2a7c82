import { apiRoute, searchParams } from "@/lib/api/handler";
import { inclusion } from "@/lib/audit/log-api";
import { gatePrincipal } from "@/lib/auth/gate";

export const dynamic = "force-dynamic";

/** RFC 6962 audit path of event `seq` in the tree of `treeSize` events (instance admins). */
export const GET = apiRoute(async ({ req, principal }) => {
  gatePrincipal(principal, "audit.read");
  return inclusion(searchParams(req));
});
