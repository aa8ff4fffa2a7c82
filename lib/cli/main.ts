import { parseArgs } from "node:util";
import { AppError } from "@/lib/errors";
import { runDb } from "./db-commands";
import { runAuditVerify } from "./audit-command";
import { runTokenCreate, runUserCreate } from "./account-commands";
import { runImportFiles } from "./import-files-command";
import { serve } from "./serve";

const USAGE = `tracewell — annotation and provenance workbench

Usage:
  tracewell serve [--dev]                     start the app (embedded PostgreSQL unless DATABASE_URL is set)
  tracewell db migrate                        apply pending migrations
  tracewell db status                         list applied and pending migrations
  tracewell user create --email E --password P [--name N] [--admin]
  tracewell token create --email E [--name N] [--expires-in-days D]
                                              print a personal access token (last line)
  tracewell audit verify                      recompute the audit chain, name the first broken link
  tracewell import-files --project P [--email E] FILE…|DIR…
                                              upload files (txt, md, html, pdf, docx, zip) as E
                                              (default: the project's first owner); per-file results

Environment: PORT, DATABASE_URL, TRACEWELL_DATA_DIR (default .data), AUTH_SECRET.`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: "string" },
      project: { type: "string" },
      password: { type: "string" },
      name: { type: "string" },
      admin: { type: "boolean", default: false },
      dev: { type: "boolean", default: false },
      "expires-in-days": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const command = positionals[0] === "import-files" ? "import-files" : positionals.join(" ");
  try {
    switch (command) {
      case "serve":
        return await serve({ dev: values.dev ?? false });
      case "db migrate":
      case "db status":
        return await runDb(positionals[1] as "migrate" | "status");
      case "user create":
        return await runUserCreate(values);
      case "token create":
        return await runTokenCreate(values);
      case "import-files":
        return await runImportFiles(values, positionals.slice(1));
      case "audit verify":
        return await runAuditVerify();
      default:
        console.log(USAGE);
        return values.help || command === "" ? 0 : 2;
    }
  } catch (err) {
    console.error(`error: ${err instanceof AppError || err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
