import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { createTestDatabase, dropTestDatabases } from "../helpers/database";

// Runs in each test file's worker before the file is imported, so DATABASE_URL is in place before
// lib/db/client.ts creates its (lazy) Prisma client.
const database = await createTestDatabase();
process.env.DATABASE_URL = database.appUrl;

// Keep the generated auth secret and any stored files out of the repository's .data/.
const dataDir = mkdtempSync(path.join(os.tmpdir(), "tracewell-test-data-"));
process.env.TRACEWELL_DATA_DIR = dataDir;
process.env.AUTH_SECRET ??= "tracewell-test-auth-secret";

afterAll(async () => {
  await disconnectDb();
  await dropTestDatabases();
  rmSync(dataDir, { recursive: true, force: true });
});
