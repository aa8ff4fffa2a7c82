import { apiRoute, searchParams } from "@/lib/api/handler";
import { listSealedEvents, requireAdmin } from "@/lib/audit/log-api";

export const dynamic = "force-dynamic";

/** Sealed events from `from`, each with its seq, leaf hash and the exact JSON hashed (instance admins). */
export const GET = apiRoute(async ({ req, principal }) => {
  requireAdmin(principal);
  return listSealedEvents(searchParams(req));
});
