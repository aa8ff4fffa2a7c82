import { apiRoute } from "@/lib/api/handler";
import { latestCheckpoint, requireAdmin } from "@/lib/audit/log-api";

export const dynamic = "force-dynamic";

/** The latest signed checkpoint of the audit log (instance admins). */
export const GET = apiRoute(async ({ principal }) => {
  requireAdmin(principal);
  return latestCheckpoint();
});
