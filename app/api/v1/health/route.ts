import { NextResponse } from "next/server";
import { requestPrincipal } from "@/lib/api/session";
import { sealLag } from "@/lib/audit/log-store";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/**
 * Liveness and database reachability; public, for load balancers and the README's first check.
 * Instance admins also get the audit seal lag: `seal: { unsealed, lagMs }`, the number of events
 * not yet sealed and the age of the oldest of them (0 when none waits).
 */
export async function GET(req?: Request) {
  try {
    await db().$queryRaw`SELECT 1`;
  } catch {
    return NextResponse.json({ status: "degraded", db: "down" }, { status: 503 });
  }
  // Anonymous callers (load balancers) pay for no session lookup; a failed one is just "not admin".
  const admin = req?.headers.has("authorization") || req?.headers.has("cookie")
    ? await requestPrincipal(req.headers).then((p) => p.isAdmin, () => false)
    : false;
  if (!admin) return NextResponse.json({ status: "ok", db: "up" });
  return NextResponse.json({ status: "ok", db: "up", seal: await sealLag() });
}
