import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { dataDir, port as configuredPort } from "@/lib/config";
import { disconnectDb } from "@/lib/db/client";
import { resolveDatabase } from "@/lib/db/resolve-database";
import { normalizeForwardedHeaders } from "@/lib/auth/client-address";
import { applySecurityHeaders } from "@/lib/http/security-headers";
import { lingerOnEarlyClose } from "@/lib/api/linger-close";
import { nextRequestHandler } from "@/lib/api/next-handler";
import { AuditSealer } from "@/lib/audit/sealer";
import { auditSigningKey } from "@/lib/audit/signing";
import { registerSealerNudge } from "@/lib/audit/seal-nudge";
import { trackConnection } from "@/lib/api/connections";
import { existingLiveHub } from "@/lib/live/hub";
import { checkSettings } from "./check-settings";
import { prepareInstance } from "./prepare-instance";

const ROOT = path.resolve(fileURLToPath(import.meta.url), "../../..");

function log(line: string) {
  console.log(`[tracewell] ${line}`);
}

/**
 * Starts everything in one process: the database (embedded unless DATABASE_URL is set), pending
 * migrations, demo data on an empty instance, and the Next.js server. SIGINT/SIGTERM close the
 * HTTP server, the database pool and the embedded PostgreSQL, in that order.
 */
export async function serve({ dev }: { dev: boolean }): Promise<number> {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  process.env.TRACEWELL_ROOT ??= ROOT; // the extraction workers start from here (lib/ingest/pool)
  const port = configuredPort();
  checkSettings();
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;

  const database = await resolveDatabase({ role: "app", log });
  let server: http.Server | undefined;
  let sealer: AuditSealer | undefined;
  let stopping: Promise<void> | undefined;
  const shutdown = (signal: string) => {
    stopping ??= (async () => {
      log(`${signal}: shutting down`);
      // Open event streams end first (other instances hear this one's presence leave).
      await existingLiveHub()?.stop();
      if (server) {
        server.closeAllConnections();
        await new Promise((resolve) => server!.close(resolve));
      }
      registerSealerNudge(null);
      await sealer?.stop();
      await disconnectDb();
      await database.stop();
      log("Stopped.");
    })();
    return stopping;
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      shutdown(signal).then(
        () => process.exit(0),
        (err) => {
          console.error(err);
          process.exit(1);
        },
      );
    });
  }

  try {
    const host = await prepareInstance(database, log);
    // After migrations: seals audit events (one sealer per database, elected among instances).
    // The key is read now, so a malformed TRACEWELL_AUDIT_KEY stops the start instead of every round.
    sealer = new AuditSealer({ url: process.env.DATABASE_URL!, log, key: auditSigningKey() });
    sealer.start();
    // Writes made in this process wake it (or, elsewhere, the elected one) after commit.
    const running = sealer;
    registerSealerNudge(() => running.nudge());

    const handle = await nextRequestHandler({ dev, dir: ROOT, port });
    server = http.createServer((req, res) => {
      // Sign-in throttling keys on the client address and the same-origin check on the host;
      // only a trusted proxy may state them (TRACEWELL_TRUST_PROXY=1).
      normalizeForwardedHeaders(req);
      applySecurityHeaders(req, res, { dev });
      lingerOnEarlyClose(req, res);
      trackConnection(req, res);
      void handle(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server!.once("error", reject);
      server!.listen(port, host, () => resolve());
    });
    // The loopback address by the name NEXTAUTH_URL uses by default, so the link printed is the one to open.
    const shown = !host || host === "127.0.0.1" ? "localhost" : host;
    log(`Ready on http://${shown}:${port}${host ? "" : " (all interfaces)"}  (data: ${database.owned ? dataDir() : "DATABASE_URL"})`);
    await new Promise(() => {}); // run until a signal arrives
    return 0;
  } catch (err) {
    await shutdown("error");
    throw err;
  }
}
