import type pg from "pg";
import { databaseFacts, type DatabaseFactOptions } from "./schema-drift/from-database";
import { schemaFacts } from "./schema-drift/from-schema";

/**
 * Compares prisma/schema.prisma with a live PostgreSQL catalog, the way `prisma migrate diff`
 * would, without needing Prisma's native schema engine.
 *
 * Both sides are reduced to the same vocabulary of one-line "facts" (a table, a column with its
 * type, nullability and default, a primary key, an index, a foreign key, an enum), so the
 * comparison is plain set difference and a mismatch reads as a short list of lines.
 * CHECK constraints, triggers and functions are not facts: Prisma's schema cannot express them,
 * and Prisma Migrate ignores them too.
 */

export * from "./schema-drift/facts";
export { databaseFacts, integrityObjects, type DatabaseFactOptions } from "./schema-drift/from-database";
export { schemaFacts } from "./schema-drift/from-schema";

export interface SchemaDiff {
  /** Declared in schema.prisma, absent from (or different in) the database. */
  missing: string[];
  /** Present in the database, not declared in schema.prisma. */
  unexpected: string[];
}

export function diffFacts(expected: readonly string[], actual: readonly string[]): SchemaDiff {
  const have = new Set(actual);
  const want = new Set(expected);
  return {
    missing: expected.filter((fact) => !have.has(fact)),
    unexpected: actual.filter((fact) => !want.has(fact)),
  };
}

/** A readable report; empty when there is no drift. */
export function formatDiff(diff: SchemaDiff): string {
  if (diff.missing.length === 0 && diff.unexpected.length === 0) return "";
  const lines = ["Schema drift between prisma/schema.prisma and the migrated database:"];
  if (diff.missing.length) {
    lines.push("  declared in schema.prisma but missing or different in the database:");
    lines.push(...diff.missing.map((fact) => `    - ${fact}`));
  }
  if (diff.unexpected.length) {
    lines.push("  in the database but not declared in schema.prisma:");
    lines.push(...diff.unexpected.map((fact) => `    + ${fact}`));
  }
  return lines.join("\n");
}

export async function detectDrift(datamodel: string, client: pg.Client, options?: DatabaseFactOptions): Promise<SchemaDiff> {
  return diffFacts(await schemaFacts(datamodel), await databaseFacts(client, options));
}
