import pg from "pg";

/**
 * Long reads go through this small `pg` pool beside Prisma's: a server-side cursor needs one
 * connection held for the length of a transaction, which Prisma cannot lend. The cap keeps a burst
 * of exports from taking the connections that the rest of the app needs; a caller waits for a
 * free slot for at most CONNECT_TIMEOUT_MS.
 */
const MAX_CONNECTIONS = 8;
const CONNECT_TIMEOUT_MS = 60_000;

const globalForPool = globalThis as unknown as { tracewellPgPool?: { url: string; pool: pg.Pool } };

export function pgPool(): pg.Pool {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start Tracewell with `npm start` or `tracewell serve`.");
  const current = globalForPool.tracewellPgPool;
  if (current?.url === url) return current.pool;
  if (current) void current.pool.end().catch(() => {});
  const pool = new pg.Pool({ connectionString: url, max: MAX_CONNECTIONS, idleTimeoutMillis: 10_000, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle connection dropped by the server (restart, admin command) must not crash the process.
  pool.on("error", (err) => console.error(`pg pool: idle connection lost: ${err.message}`));
  globalForPool.tracewellPgPool = { url, pool };
  return pool;
}

export async function closePgPool(): Promise<void> {
  const current = globalForPool.tracewellPgPool;
  globalForPool.tracewellPgPool = undefined;
  await current?.pool.end();
}
