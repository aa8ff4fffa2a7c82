import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { dataDir, port as configuredPort } from "@/lib/config";
import { disconnectDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { resolveDatabase } from "@/lib/db/resolve-database";
import { DEMO_PASSWORD, DEMO_USERS, demoAccountsExist, seedDemo } from "@/lib/demo/seed-demo";

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
  const port = configuredPort();
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;

  const database = await resolveDatabase({ role: "app", log });
  let server: http.Server | undefined;
  let stopping: Promise<void> | undefined;
  const shutdown = (signal: string) => {
    stopping ??= (async () => {
      log(`${signal}: shutting down`);
      if (server) {
        server.closeAllConnections();
        await new Promise((resolve) => server!.close(resolve));
      }
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
    const applied = await migrate({ url: database.url, log });
    if (applied.length === 0) log("Database schema is up to date.");
    const demoWanted = process.env.TRACEWELL_DEMO !== "0";
    if (demoWanted && (await seedDemo())) log("Created the demo project and demo accounts.");
    if (demoWanted && (await demoAccountsExist())) {
      log(`Demo accounts (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => `${u.email} (${u.role})`).join(", ")}`);
    }

    const app = next({ dev, dir: ROOT, port, hostname: "localhost", turbopack: dev });
    await app.prepare();
    const handle = app.getRequestHandler();
    const trustProxy = process.env.TRACEWELL_TRUST_PROXY === "1";
    server = http.createServer((req, res) => {
      // Sign-in throttling keys on the client address; only a trusted proxy may state it.
      if (!trustProxy) req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
      void handle(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server!.once("error", reject);
      server!.listen(port, () => resolve());
    });
    log(`Ready on http://localhost:${port}  (data: ${process.env.DATABASE_URL && !database.owned ? "DATABASE_URL" : dataDir()})`);
    await new Promise(() => {}); // run until a signal arrives
    return 0;
  } catch (err) {
    await shutdown("error");
    throw err;
  }
}
