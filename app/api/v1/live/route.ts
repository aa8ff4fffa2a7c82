import { apiRoute } from "@/lib/api/handler";
import { trackedConnections } from "@/lib/api/connections";
import { gatePrincipal } from "@/lib/auth/gate";
import { existingLiveHub } from "@/lib/live/hub";

export const dynamic = "force-dynamic";

/** This instance's live-update bookkeeping (instance admins): open streams, presence, memory. For operators and the leak tests. */
export const GET = apiRoute(async ({ principal }) => {
  gatePrincipal(principal, "instance.stats");
  const memory = process.memoryUsage();
  return {
    hub: existingLiveHub()?.stats() ?? null,
    connections: trackedConnections(),
    memory: { rss: memory.rss, heapUsed: memory.heapUsed, external: memory.external, arrayBuffers: memory.arrayBuffers },
  };
});
