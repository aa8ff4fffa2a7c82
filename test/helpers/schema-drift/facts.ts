/**
 * The vocabulary of the drift comparison: one line per schema object, printed the same way from
 * schema.prisma and from the catalog, so comparing two schemas is comparing two sets of strings.
 */

const MAX_IDENTIFIER = 63;

export const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

export const PG_REFERENTIAL_ACTIONS: Record<string, string> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

/** How PostgreSQL prints an identifier: quoted unless it is a plain lower-case name. */
export function pgIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

export function q(name: string): string {
  return `"${name}"`;
}

function columnList(columns: readonly string[]): string {
  return `(${columns.map(q).join(", ")})`;
}

export function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Prisma's default constraint name: table and columns, truncated to fit, plus a suffix. */
export function prismaConstraintName(table: string, columns: readonly string[], suffix: string): string {
  const stem = [table, ...columns].join("_");
  return `${stem.slice(0, MAX_IDENTIFIER - suffix.length - 1)}_${suffix}`;
}

export function tableFact(table: string): string {
  return `table ${q(table)}`;
}

export function columnFact(table: string, column: string, type: string, notNull: boolean, defaultExpr: string | null): string {
  return `column ${q(table)}.${q(column)} ${type} ${notNull ? "NOT NULL" : "NULL"}${defaultExpr === null ? "" : ` DEFAULT ${defaultExpr}`}`;
}

export function primaryKeyFact(table: string, name: string, columns: readonly string[]): string {
  return `primary key ${q(name)} on ${q(table)} ${columnList(columns)}`;
}

export function indexFact(table: string, name: string, columns: readonly string[], unique: boolean, method = "btree"): string {
  return `${unique ? "unique index" : "index"} ${q(name)} on ${q(table)} ${columnList(columns)} using ${method}`;
}

export function foreignKeyFact(
  table: string,
  name: string,
  columns: readonly string[],
  refTable: string,
  refColumns: readonly string[],
  onDelete: string,
  onUpdate: string,
): string {
  return (
    `foreign key ${q(name)} on ${q(table)} ${columnList(columns)} references ${q(refTable)} ${columnList(refColumns)} ` +
    `on delete ${onDelete} on update ${onUpdate}`
  );
}

export function enumFact(name: string, values: readonly string[]): string {
  return `enum ${q(name)} (${values.map(sqlLiteral).join(", ")})`;
}
