import { defineConfig } from "prisma/config";

// Prisma 7 reads the connection URL from here rather than from schema.prisma. Only the Prisma CLI
// uses this file (e.g. `prisma migrate deploy` on a machine where its engine can run); the app
// and the `tracewell` CLI resolve the database through lib/db.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/tracewell" },
});
