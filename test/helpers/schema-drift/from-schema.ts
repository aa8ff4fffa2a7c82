import { getDMMF } from "@prisma/internals";
import {
  REFERENTIAL_ACTIONS,
  columnFact,
  enumFact,
  foreignKeyFact,
  indexFact,
  pgIdent,
  prismaConstraintName,
  primaryKeyFact,
  q,
  sqlLiteral,
  tableFact,
} from "./facts";

/** schema.prisma as facts, read through Prisma's own parser (getDMMF, wasm: no engine needed). */

type Dmmf = Awaited<ReturnType<typeof getDMMF>>;
type Model = Dmmf["datamodel"]["models"][number];
type Field = Model["fields"][number];
type Index = Dmmf["datamodel"]["indexes"][number];

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

const NATIVE_TYPES: Record<string, (args: readonly string[]) => string> = {
  Text: () => "text",
  VarChar: ([n]) => (n ? `character varying(${n})` : "character varying"),
  Char: ([n]) => `character(${n ?? 1})`,
  Uuid: () => "uuid",
  Citext: () => "citext",
  Inet: () => "inet",
  Xml: () => "xml",
  Integer: () => "integer",
  SmallInt: () => "smallint",
  BigInt: () => "bigint",
  Oid: () => "oid",
  Real: () => "real",
  DoublePrecision: () => "double precision",
  Decimal: ([p, s]) => (p ? `numeric(${p},${s ?? 0})` : "numeric"),
  Money: () => "money",
  Boolean: () => "boolean",
  Date: () => "date",
  Time: ([p]) => `time(${p ?? 3}) without time zone`,
  Timetz: ([p]) => `time(${p ?? 3}) with time zone`,
  Timestamp: ([p]) => `timestamp(${p ?? 3}) without time zone`,
  Timestamptz: ([p]) => `timestamp(${p ?? 3}) with time zone`,
  Json: () => "json",
  JsonB: () => "jsonb",
  ByteA: () => "bytea",
  Bit: ([n]) => `bit(${n ?? 1})`,
  VarBit: ([n]) => (n ? `bit varying(${n})` : "bit varying"),
};

function tableName(model: Model): string {
  return model.dbName ?? model.name;
}

function columnName(field: Field): string {
  return field.dbName ?? field.name;
}

/**
 * `Unsupported("…")` fields (e.g. a tsvector) are absent from the DMMF's fields but may appear in
 * its indexes, so they are read from the schema text: model → field name → { column, type, optional }.
 */
type UnsupportedField = { column: string; type: string; optional: boolean };
function unsupportedFields(datamodel: string): Map<string, Map<string, UnsupportedField>> {
  const byModel = new Map<string, Map<string, UnsupportedField>>();
  for (const [, model, body] of datamodel.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const fields = new Map<string, UnsupportedField>();
    for (const [, name, type, optional, rest] of body!.matchAll(/^\s*(\w+)\s+Unsupported\("([^"]+)"\)(\?)?(.*)$/gm)) {
      const mapped = /@map\("([^"]+)"\)/.exec(rest ?? "")?.[1];
      fields.set(name!, { column: mapped ?? name!, type: type!, optional: optional === "?" });
    }
    byModel.set(model!, fields);
  }
  return byModel;
}

let unsupported = new Map<string, Map<string, UnsupportedField>>();

function fieldByName(model: Model, name: string): Field {
  const field = model.fields.find((f) => f.name === name);
  if (field) return field;
  const other = unsupported.get(model.name)?.get(name);
  if (other) return { name, dbName: other.column, isRequired: !other.optional } as Field;
  throw new Error(`schema.prisma: ${model.name} has no field ${name}`);
}

function expectedType(field: Field, enumNames: Map<string, string>): string {
  let base: string;
  if (field.kind === "enum") base = enumNames.get(field.type) ?? field.type;
  else if (field.nativeType) {
    const [name, args] = field.nativeType;
    base = NATIVE_TYPES[name]?.(args) ?? `<unsupported native type @db.${name}>`;
  } else base = SCALAR_TYPES[field.type] ?? `<unsupported type ${field.type}>`;
  return field.isList ? `${base}[]` : base;
}

/** The default as pg_get_expr() prints it, or null where Prisma Client generates the value. */
function expectedDefault(field: Field, table: string, enumNames: Map<string, string>, type: string): string | null {
  const value = field.default;
  if (!field.hasDefaultValue || value === undefined) return null;
  if (typeof value === "object" && value !== null && !Array.isArray(value) && "name" in value) {
    switch (value.name) {
      case "now":
        return "CURRENT_TIMESTAMP";
      case "cuid":
      case "uuid":
      case "nanoid":
      case "ulid":
        return null;
      case "autoincrement":
        return `nextval(${sqlLiteral(pgIdent(`${table}_${columnName(field)}_seq`))}::regclass)`;
      case "dbgenerated":
        return String(value.args[0] ?? "<dbgenerated() without an expression>");
      default:
        return `<unsupported default ${value.name}()>`;
    }
  }
  if (Array.isArray(value)) return `<unsupported list default>`;
  if (field.kind === "enum") return `${sqlLiteral(String(value))}::${pgIdent(enumNames.get(field.type) ?? field.type)}`;
  switch (field.type) {
    case "String":
      return `${sqlLiteral(String(value))}::${type === "text" ? "text" : type.replace(/\(.*\)/, "")}`;
    case "Json":
      return `${sqlLiteral(String(value))}::${type}`;
    case "Boolean":
      return String(value);
    case "Int":
    case "BigInt":
      return Number(value) < 0 ? `${sqlLiteral(String(value))}::integer` : String(value);
    default:
      return `<unsupported ${field.type} default ${JSON.stringify(value)}>`;
  }
}

function indexName(index: Index, table: string, columns: string[]): string {
  if (index.dbName) return index.dbName;
  const suffix = index.type === "id" ? "pkey" : index.type === "unique" ? "key" : "idx";
  return index.type === "id" ? `${table}_pkey` : prismaConstraintName(table, columns, suffix);
}

export async function schemaFacts(datamodel: string): Promise<string[]> {
  const dmmf = await getDMMF({ datamodel });
  unsupported = unsupportedFields(datamodel);
  const { models, enums, indexes } = dmmf.datamodel;
  const facts: string[] = [];
  const enumNames = new Map(enums.map((e) => [e.name, e.dbName ?? e.name]));
  const modelsByName = new Map(models.map((m) => [m.name, m]));

  for (const e of enums) facts.push(enumFact(e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)));

  for (const model of models) {
    const table = tableName(model);
    facts.push(tableFact(table));
    for (const field of model.fields) {
      if (field.kind === "object") continue;
      const type = expectedType(field, enumNames);
      facts.push(columnFact(table, columnName(field), type, field.isRequired, expectedDefault(field, table, enumNames, type)));
      if (field.default && typeof field.default === "object" && "name" in field.default && field.default.name === "autoincrement") {
        facts.push(`sequence ${q(`${table}_${columnName(field)}_seq`)}`);
      }
    }
    for (const other of unsupported.get(model.name)?.values() ?? []) {
      facts.push(columnFact(table, other.column, other.type, !other.optional, null));
    }
    for (const field of model.fields) {
      if (field.kind !== "object" || !field.relationFromFields?.length) continue;
      const target = modelsByName.get(field.type);
      if (!target) throw new Error(`schema.prisma: ${model.name}.${field.name} refers to unknown model ${field.type}`);
      const from = field.relationFromFields.map((name) => columnName(fieldByName(model, name)));
      const to = (field.relationToFields ?? []).map((name) => columnName(fieldByName(target, name)));
      const allRequired = field.relationFromFields.every((name) => fieldByName(model, name).isRequired);
      // Prisma's defaults: Restrict for a required relation, SetNull for an optional one; Cascade on update.
      const onDelete = field.relationOnDelete ?? (allRequired ? "Restrict" : "SetNull");
      const onUpdate = field.relationOnUpdate ?? "Cascade";
      facts.push(
        foreignKeyFact(
          table,
          prismaConstraintName(table, from, "fkey"),
          from,
          tableName(target),
          to,
          REFERENTIAL_ACTIONS[onDelete] ?? onDelete,
          REFERENTIAL_ACTIONS[onUpdate] ?? onUpdate,
        ),
      );
    }
  }

  for (const index of indexes) {
    const model = modelsByName.get(index.model);
    if (!model) continue;
    const table = tableName(model);
    const columns = index.fields.map((f) => columnName(fieldByName(model, f.name)));
    const shown = index.fields.map((f, i) => `${columns[i]}${f.sortOrder === "desc" ? " DESC" : ""}`);
    const name = indexName(index, table, columns);
    if (index.type === "id") facts.push(primaryKeyFact(table, name, shown));
    else if (index.type === "fulltext") facts.push(`<unsupported fulltext index ${name}>`);
    else facts.push(indexFact(table, name, shown, index.type === "unique", (index.algorithm ?? "BTree").toLowerCase()));
  }
  return [...new Set(facts)].sort();
}
