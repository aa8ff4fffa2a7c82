import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * Just enough JSON Schema draft-04 to run the W3C annotation-model assertions, so the suite needs
 * no schema library. It implements exactly the keywords those files use and throws on any other,
 * so a schema it cannot judge fails loudly instead of passing. Semantics follow Ajv 8 (which the
 * shared peer checker runs): keywords beside `$ref` are applied too; `format` knows "uri" (a
 * scheme, no whitespace) and "date-time" (RFC 3339).
 */

type Schema = Record<string, unknown>;

const IGNORED = new Set([
  "$schema", "id", "title", "description", "definitions",
  // assertion-file metadata, read by the harness rather than the validator
  "assertionType", "expectedResult", "onUnexpectedResult", "errorMessage",
  // a typo in specificResource.json ("$ref " with a space): an unknown keyword, ignored by Ajv too
  "$ref ",
]);

const FORMATS: Record<string, RegExp> = {
  uri: /^[a-z][a-z0-9+.-]*:\S*$/i,
  "date-time": /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/,
};

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class SchemaSet {
  private readonly documents = new Map<string, Schema>();

  /** Registers every definitions/*.json under its draft-04 `id`. */
  constructor(definitionsDir: string) {
    for (const file of readdirSync(definitionsDir).filter((f) => f.endsWith(".json")).sort()) {
      this.add(JSON.parse(readFileSync(path.join(definitionsDir, file), "utf8")) as Schema);
    }
  }

  add(schema: Schema): void {
    if (typeof schema.id === "string") this.documents.set(schema.id, schema);
  }

  private resolve(ref: string, current: Schema): { schema: Schema; document: Schema } {
    const [file, pointer = ""] = ref.split("#");
    const document = file ? this.documents.get(file) : current;
    if (!document) throw new Error(`unknown schema ${file}`);
    let schema: unknown = document;
    for (const part of pointer.split("/").filter(Boolean)) schema = (schema as Schema)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    if (!schema || typeof schema !== "object") throw new Error(`unresolved $ref ${ref}`);
    return { schema: schema as Schema, document };
  }

  /** Validates `data` against `schema`, whose relative `$ref`s resolve in `document`. */
  validate(schema: Schema, data: unknown, document: Schema = schema): boolean {
    for (const [keyword, value] of Object.entries(schema)) {
      if (IGNORED.has(keyword)) continue;
      if (!this.keyword(keyword, value, schema, data, document)) return false;
    }
    return true;
  }

  private keyword(keyword: string, value: unknown, schema: Schema, data: unknown, document: Schema): boolean {
    const sub = (s: unknown, d: unknown) => this.validate(s as Schema, d, document);
    const isObject = typeOf(data) === "object";
    const object = data as Record<string, unknown>;
    switch (keyword) {
      case "$ref": {
        const target = this.resolve(value as string, document);
        return this.validate(target.schema, data, target.document);
      }
      case "type": {
        const types = ([] as string[]).concat(value as string | string[]);
        const actual = typeOf(data);
        return types.some((t) => t === actual || (t === "number" && actual === "integer"));
      }
      case "enum":
        return (value as unknown[]).some((v) => deepEqual(v, data));
      case "allOf":
        return (value as unknown[]).every((s) => sub(s, data));
      case "anyOf":
        return (value as unknown[]).some((s) => sub(s, data));
      case "oneOf":
        return (value as unknown[]).filter((s) => sub(s, data)).length === 1;
      case "not":
        return !sub(value, data);
      case "required":
        return !isObject || (value as string[]).every((k) => Object.hasOwn(object, k));
      case "properties":
        return !isObject || Object.entries(value as Schema).every(([k, s]) => !Object.hasOwn(object, k) || sub(s, object[k]));
      case "patternProperties":
        return !isObject || Object.entries(value as Schema).every(([p, s]) => Object.keys(object).filter((k) => new RegExp(p, "u").test(k)).every((k) => sub(s, object[k])));
      case "additionalProperties": {
        if (!isObject) return true;
        const known = Object.keys((schema.properties as Schema | undefined) ?? {});
        const patterns = Object.keys((schema.patternProperties as Schema | undefined) ?? {}).map((p) => new RegExp(p, "u"));
        const extra = Object.keys(object).filter((k) => !known.includes(k) && !patterns.some((p) => p.test(k)));
        return value === false ? extra.length === 0 : extra.every((k) => sub(value, object[k]));
      }
      case "dependencies":
        return !isObject || Object.entries(value as Record<string, unknown>).every(([k, dep]) =>
          !Object.hasOwn(object, k) || (Array.isArray(dep) ? dep.every((d: string) => Object.hasOwn(object, d)) : sub(dep, data)));
      case "items":
        if (!Array.isArray(data)) return true;
        return Array.isArray(value) ? value.every((s, i) => i >= data.length || sub(s, data[i])) : data.every((d) => sub(value, d));
      case "minItems":
        return !Array.isArray(data) || data.length >= (value as number);
      case "maxItems":
        return !Array.isArray(data) || data.length <= (value as number);
      case "minimum":
        return typeof data !== "number" || (schema.exclusiveMinimum === true ? data > (value as number) : data >= (value as number));
      case "exclusiveMinimum":
        return true; // read by "minimum" (draft-04)
      case "pattern":
        return typeof data !== "string" || new RegExp(value as string, "u").test(data);
      case "format": {
        const format = FORMATS[value as string];
        if (!format) throw new Error(`unsupported format ${String(value)}`);
        return typeof data !== "string" || format.test(data);
      }
      default:
        throw new Error(`unsupported JSON Schema keyword ${keyword}`);
    }
  }
}
