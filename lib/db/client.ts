import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { closePgPool } from "./pg-pool";

export type { Prisma } from "./generated/client";
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { tracewellDb?: PrismaClient };

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start Tracewell with `npm start` or `tracewell serve`.");
  }
  // "minimal": no call-site capture per operation (a stack walk on every query); errors keep
  // their code and message, which is all lib/errors.ts maps.
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }), errorFormat: "minimal" });
}

/**
 * The one Prisma client of this process, created on first use so that importing a module never
 * needs a database (e.g. during `next build`).
 */
export function db(): PrismaClient {
  globalForDb.tracewellDb ??= createClient();
  return globalForDb.tracewellDb;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.tracewellDb?.$disconnect();
  globalForDb.tracewellDb = undefined;
  await closePgPool();
}
