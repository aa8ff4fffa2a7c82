import { migrate, migrationStatus } from "@/lib/db/migrate";
import { withDatabase } from "./with-database";

export async function runDb(sub: "migrate" | "status"): Promise<number> {
  return withDatabase(
    async (url) => {
      if (sub === "migrate") {
        const applied = await migrate({ url, log: (line) => console.log(line) });
        console.log(applied.length ? `Applied ${applied.length} migration(s).` : "Database is up to date.");
        return 0;
      }
      const status = await migrationStatus(url);
      for (const m of status.applied) console.log(`applied   ${m.name}  ${m.finishedAt?.toISOString() ?? ""}`);
      for (const name of status.pending) console.log(`pending   ${name}`);
      for (const name of status.modified) console.log(`MODIFIED  ${name}  (file changed after it was applied)`);
      for (const name of status.unknown) console.log(`unknown   ${name}  (applied, but not in prisma/migrations)`);
      for (const name of status.failed) console.log(`FAILED    ${name}`);
      const healthy = status.modified.length === 0 && status.failed.length === 0;
      console.log(
        healthy
          ? `${status.applied.length} applied, ${status.pending.length} pending.`
          : "The database and prisma/migrations disagree; see above.",
      );
      return healthy ? 0 : 1;
    },
    { migrateFirst: false },
  );
}
