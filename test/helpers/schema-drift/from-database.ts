import type pg from "pg";
import { PG_REFERENTIAL_ACTIONS, columnFact, enumFact, foreignKeyFact, indexFact, primaryKeyFact, q } from "./facts";

/** A live PostgreSQL schema as facts, from pg_catalog. */

export interface DatabaseFactOptions {
  schema?: string;
  /** Tables Prisma does not model (its own bookkeeping). */
  ignoreTables?: string[];
}

export async function databaseFacts(
  client: pg.Client,
  { schema = "public", ignoreTables = ["_prisma_migrations"] }: DatabaseFactOptions = {},
): Promise<string[]> {
  const facts: string[] = [];
  const ignored = (table: string) => ignoreTables.includes(table);

  const relations = await client.query<{ name: string; kind: string }>(
    `SELECT c.relname::text AS name, c.relkind::text AS kind
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')`,
    [schema],
  );
  const ownedSequences = await client.query<{ name: string; table: string }>(
    `SELECT s.relname::text AS name, t.relname::text AS table
       FROM pg_depend d
       JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
       JOIN pg_class t ON t.oid = d.refobjid
       JOIN pg_namespace n ON n.oid = s.relnamespace
      WHERE n.nspname = $1 AND d.deptype IN ('a', 'i')`,
    [schema],
  );
  const sequenceTable = new Map(ownedSequences.rows.map((row) => [row.name, row.table]));
  const KIND: Record<string, string> = { r: "table", p: "table", v: "view", m: "materialized view", f: "foreign table", S: "sequence" };
  for (const { name, kind } of relations.rows) {
    if (ignored(name) || ignored(sequenceTable.get(name) ?? "")) continue;
    facts.push(`${KIND[kind]} ${q(name)}`);
  }

  const columns = await client.query<{
    table: string;
    column: string;
    type: string;
    notnull: boolean;
    default: string | null;
    identity: string;
    generated: string;
  }>(
    `SELECT c.relname::text AS table, a.attname::text AS column, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS default,
            a.attidentity::text AS identity, a.attgenerated::text AS generated
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`,
    [schema],
  );
  for (const row of columns.rows) {
    if (ignored(row.table)) continue;
    let fact = columnFact(row.table, row.column, row.type.replace(/"/g, ""), row.notnull, row.default);
    if (row.identity) fact += ` GENERATED ${row.identity === "a" ? "ALWAYS" : "BY DEFAULT"} AS IDENTITY`;
    if (row.generated) fact += ` GENERATED ALWAYS AS (…) STORED`;
    facts.push(fact);
  }

  const indexes = await client.query<{
    table: string;
    name: string;
    unique: boolean;
    primary: boolean;
    method: string;
    predicate: string | null;
    columns: string[];
    included: number;
  }>(
    `SELECT t.relname::text AS table, i.relname::text AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
            am.amname::text AS method, pg_get_expr(ix.indpred, ix.indrelid) AS predicate,
            ix.indnatts - ix.indnkeyatts AS included,
            ARRAY(
              SELECT CASE WHEN k.attnum = 0 THEN pg_get_indexdef(ix.indexrelid, k.ord::int, true) ELSE a.attname::text END
                     || CASE WHEN (ix.indoption[k.ord - 1] & 1) = 1 THEN ' DESC' ELSE '' END
                FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
               WHERE k.ord <= ix.indnkeyatts
               ORDER BY k.ord
            ) AS columns
       FROM pg_index ix
       JOIN pg_class i ON i.oid = ix.indexrelid
       JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_am am ON am.oid = i.relam
      WHERE n.nspname = $1`,
    [schema],
  );
  for (const row of indexes.rows) {
    if (ignored(row.table)) continue;
    let fact = row.primary
      ? primaryKeyFact(row.table, row.name, row.columns)
      : indexFact(row.table, row.name, row.columns, row.unique, row.method);
    if (row.predicate) fact += ` WHERE ${row.predicate}`;
    if (row.included > 0) fact += ` INCLUDE (${row.included} columns)`;
    facts.push(fact);
  }

  const foreignKeys = await client.query<{
    name: string;
    table: string;
    ref_table: string;
    columns: string[];
    ref_columns: string[];
    on_delete: string;
    on_update: string;
  }>(
    `SELECT con.conname::text AS name, t.relname::text AS table, rt.relname::text AS ref_table,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS ref_columns,
            con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update
       FROM pg_constraint con
       JOIN pg_class t ON t.oid = con.conrelid
       JOIN pg_class rt ON rt.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE con.contype = 'f' AND n.nspname = $1`,
    [schema],
  );
  for (const row of foreignKeys.rows) {
    if (ignored(row.table)) continue;
    facts.push(
      foreignKeyFact(
        row.table,
        row.name,
        row.columns,
        row.ref_table,
        row.ref_columns,
        PG_REFERENTIAL_ACTIONS[row.on_delete] ?? row.on_delete,
        PG_REFERENTIAL_ACTIONS[row.on_update] ?? row.on_update,
      ),
    );
  }

  const enums = await client.query<{ name: string; values: string[] }>(
    `SELECT t.typname::text AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
       FROM pg_type t
       JOIN pg_enum e ON e.enumtypid = t.oid
       JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1
      GROUP BY t.typname`,
    [schema],
  );
  for (const row of enums.rows) facts.push(enumFact(row.name, row.values));

  return [...new Set(facts)].sort();
}

/** What Prisma does not model but the migration must still provide. */
export async function integrityObjects(client: pg.Client, schema = "public") {
  const checks = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT t.relname::text AS table, con.conname::text AS name, pg_get_constraintdef(con.oid) AS definition
       FROM pg_constraint con
       JOIN pg_class t ON t.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE con.contype = 'c' AND n.nspname = $1`,
    [schema],
  );
  const triggers = await client.query<{ table: string; name: string; enabled: string; definition: string }>(
    `SELECT t.relname::text AS table, tg.tgname::text AS name, tg.tgenabled::text AS enabled,
            pg_get_triggerdef(tg.oid) AS definition
       FROM pg_trigger tg
       JOIN pg_class t ON t.oid = tg.tgrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE NOT tg.tgisinternal AND n.nspname = $1`,
    [schema],
  );
  // Functions the migrations define (those of extensions are the extension's business).
  const functions = await client.query<{
    name: string;
    arguments: string;
    result: string;
    language: string;
    volatility: string;
    parallel: string;
    definition: string;
  }>(
    `SELECT p.proname::text AS name, pg_get_function_identity_arguments(p.oid) AS arguments,
            pg_get_function_result(p.oid) AS result, l.lanname::text AS language,
            p.provolatile::text AS volatility, p.proparallel::text AS parallel, p.prosrc AS definition
       FROM pg_proc p
       JOIN pg_namespace n ON n.oid = p.pronamespace
       JOIN pg_language l ON l.oid = p.prolang
      WHERE n.nspname = $1
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
      ORDER BY p.proname, pg_get_function_identity_arguments(p.oid)`,
    [schema],
  );
  return { checks: checks.rows, triggers: triggers.rows, functions: functions.rows };
}
