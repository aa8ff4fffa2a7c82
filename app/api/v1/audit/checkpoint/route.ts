import { apiRoute } from "@/lib/api/handler";
import { latestCheckpoint } from "@/lib/audit/log-api";
import { gatePrincipal } from "@/lib/auth/gate";

export const dynamic = "force-dynamic";

/** The latest signed checkpoint of the audit log (instance admins). */
export const GET = apiRoute(async ({ principal }) => {
  gatePrincipal(principal, "audit.read");
  return latestCheckpoint();
});
