import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("./", import.meta.url));

export default defineConfig({
  resolve: {
    // Only `@/…`: a bare "@" key would also swallow scoped packages such as @prisma/client.
    alias: [{ find: /^@\//, replacement: root }],
  },
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // One PostgreSQL server per run, a template database migrated once…
    globalSetup: ["test/setup/global-setup.ts"],
    // …and a database of its own for every test file, so files run in parallel safely.
    setupFiles: ["test/setup/database.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
