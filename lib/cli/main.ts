import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { AppError, toErrorBody } from "@/lib/errors";
import { runDb } from "./db-commands";
import { runAuditVerify } from "./audit-command";
import { runTokenCreate, runUserCreate } from "./account-commands";
import { runExport } from "./export-command";
import { runImport } from "./import-command";
import { runImportFiles } from "./import-files-command";
import { runMemberAdd } from "./member-command";
import { serve } from "./serve";

const USAGE = `tracewell — annotation and provenance workbench

Usage:
  tracewell serve [--dev]                     start the app (embedded PostgreSQL unless DATABASE_URL is set)
  tracewell db migrate                        apply pending migrations
  tracewell db status                         list applied and pending migrations
  tracewell db roles                          create/update the app's database role and its grants
                                              (as DATABASE_OWNER_URL; DATABASE_URL names the role)
  tracewell user create --email E --password P [--name N] [--admin]
  tracewell member add --project P --email E --role R [--as ADMIN]
                                              add an account to a project (owner, reviewer,
                                              annotator, viewer) as an instance admin (default:
                                              the first admin); audited like the UI
  tracewell token create --email E [--name N] [--expires-in-days D] [--scope read|write]
                                              print a personal access token (last line);
                                              default scope write, expiry 90 days (1–365)
  tracewell audit verify [--checkpoint FILE]… [--public-key FILE]
                                              check every leaf, checkpoint root and signature of the
                                              audit log, and its consistency with checkpoints kept
                                              outside the database; names the first wrong event
  tracewell import-files --project P [--email E] FILE…|DIR…
                                              upload files (txt, md, html, pdf, docx, zip) as E
                                              (default: the project's first owner); per-file results
  tracewell export --project P --format F [--documents ID,…] [--q TEXT] [--labels L,…]
                   [--status S,…] [--authors A,…] [--signed-off] [--email E] [--output FILE]
                                              export (jsonl, w3c, brat, conll, spacy, csv) to stdout
                                              or FILE; progress on stderr; as E (owner/reviewer)
  tracewell import --project P --format F [--email E] FILE
                                              import an export (jsonl, w3c, brat zip, spacy): all
                                              or nothing, every problem listed

Environment: PORT, HOST, DATABASE_URL (the app's role), DATABASE_OWNER_URL (migrations),
TRACEWELL_DATA_DIR (default .data), AUTH_SECRET (or AUTH_SECRET_FILE), TRACEWELL_DEMO,
TRACEWELL_AUDIT_KEY (or TRACEWELL_AUDIT_KEY_FILE; default <data dir>/audit-key).`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: "string" },
      role: { type: "string" },
      as: { type: "string" },
      project: { type: "string" },
      password: { type: "string" },
      name: { type: "string" },
      admin: { type: "boolean", default: false },
      dev: { type: "boolean", default: false },
      "expires-in-days": { type: "string" },
      scope: { type: "string" },
      format: { type: "string" },
      documents: { type: "string" },
      labels: { type: "string" },
      status: { type: "string" },
      authors: { type: "string" },
      "signed-off": { type: "boolean" },
      q: { type: "string" },
      output: { type: "string", short: "o" },
      checkpoint: { type: "string", multiple: true },
      "public-key": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  // Commands that take file arguments are named by their first word alone.
  const command = ["import-files", "import", "export"].includes(positionals[0] ?? "") ? positionals[0]! : positionals.join(" ");
  try {
    switch (command) {
      case "serve":
        return await serve({ dev: values.dev ?? false });
      case "db migrate":
      case "db status":
      case "db roles":
        return await runDb(positionals[1] as "migrate" | "status" | "roles");
      case "member add":
        return await runMemberAdd(values);
      case "user create":
        return await runUserCreate(values);
      case "token create":
        return await runTokenCreate(values);
      case "import-files":
        return await runImportFiles(values, positionals.slice(1));
      case "import":
        return await runImport(values, positionals.slice(1));
      case "export":
        if (positionals.length > 1) throw new AppError("bad_request", "export takes no FILE: redirect stdout or pass --output FILE");
        return await runExport(values);
      case "audit verify":
        return await runAuditVerify(values);
      default:
        console.log(USAGE);
        return values.help || command === "" ? 0 : 2;
    }
  } catch (err) {
    // Bad flags arrive as ZodErrors: worded like the API's errors, not dumped as JSON.
    const message = err instanceof ZodError ? toErrorBody(err).body.error.message : err instanceof Error ? err.message : String(err);
    console.error(`error: ${message}`);
    return 1;
  }
}
