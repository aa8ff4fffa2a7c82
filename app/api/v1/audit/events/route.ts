import { apiRoute, searchParams } from "@/lib/api/handler";
import { listSealedEvents } from "@/lib/audit/log-api";
import { gatePrincipal } from "@/lib/auth/gate";

export const dynamic = "force-dynamic";

/** Sealed events from `from`, each with its seq, leaf hash and the exact JSON hashed (instance admins). */
export const GET = apiRoute(async ({ req, principal }) => {
  gatePrincipal(principal, "audit.read");
  return listSealedEvents(searchParams(req));
});
