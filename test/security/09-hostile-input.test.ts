import { afterAll, beforeAll, expect, test } from "vitest";
import { sql, useDatabase } from "../helpers/database";
import { startServer, type RunningServer } from "../helpers/server";
import { makeUser, makeUserWithToken } from "../helpers/users";

// Item 9: every JSON route of the OpenAPI document, walked with hostile strings (NUL, lone
// surrogates, 1 MB strings, wrong types), deep nesting and invalid UTF-8, answers a 4xx with the
// error shape and stores nothing. Path and query parameters get NUL too.

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  $ref?: string;
};
type Operation = {
  parameters?: { name: string; in: "path" | "query"; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};

let server: RunningServer;
let token: string;
let known: Record<string, string> = {};
let doc: { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = res.status === 204 ? null : await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json as Record<string, unknown>;
};

beforeAll(async () => {
  server = await startServer();
  await useDatabase({ name: "srv", url: server.databaseUrl });
  token = (await makeUserWithToken()).token;
  const member = await makeUser();
  const project = await api("POST", "/projects", { name: "Hostile" });
  const projectId = project.id as string;
  const labels = (await api("GET", `/projects/${projectId}/labels`)).labels as { id: string; name: string }[];
  const document = await api("POST", `/projects/${projectId}/documents`, { title: "Doc", text: "Some source text." });
  const annotation = await api("POST", `/documents/${document.id}/annotations`, { label: labels[0]!.name, start: 0, end: 4 });
  await api("POST", `/projects/${projectId}/members`, { email: member.user.email, role: "annotator" });
  const tokens = (await api("GET", "/tokens")).tokens as { id: string }[];
  known = {
    projectId, documentId: document.id as string, annotationId: annotation.id as string, labelId: labels[0]!.id,
    userId: member.user.id, tokenId: tokens[0]!.id, label: labels[0]!.name,
  };
  doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as typeof doc;
}, 120_000);
afterAll(async () => server?.stop());

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  return resolve(doc.components!.schemas![schema.$ref.replace("#/components/schemas/", "")]!);
}

function types(schema: Schema): string[] {
  const s = resolve(schema);
  const options = s.anyOf ?? s.oneOf;
  if (options) return options.flatMap(types);
  if (s.enum || s.const !== undefined) return ["string"];
  return s.type === undefined ? ["any"] : ([] as string[]).concat(s.type);
}

/** A value the schema accepts, as far as a sample can: required properties only. */
function sample(schema: Schema, name = ""): unknown {
  const s = resolve(schema);
  if (name in known) return known[name];
  const options = s.anyOf ?? s.oneOf;
  if (options) return sample(options.find((o) => !types(o).includes("null")) ?? options[0]!, name);
  if (s.enum) return s.enum[0];
  if (s.const !== undefined) return s.const;
  const type = types(s)[0];
  if (type === "object") {
    return Object.fromEntries((s.required ?? []).map((key) => [key, sample(s.properties![key]!, key)]));
  }
  if (type === "array") return [];
  if (type === "number" || type === "integer") return Math.max(s.minimum ?? 1, 1);
  if (type === "boolean") return true;
  if (s.format === "email") return "someone@example.com";
  if (s.format === "date") return "2024-01-01";
  if (s.pattern) return ["#336699", "x", "a1", "k"].find((v) => new RegExp(s.pattern!, "u").test(v)) ?? "x";
  return "x";
}

/** Every string field of a body schema: its path and its schema. */
function stringFields(schema: Schema, path: string[] = [], depth = 0): { path: string[]; schema: Schema }[] {
  const s = resolve(schema);
  if (depth > 6) return [];
  const found: { path: string[]; schema: Schema }[] = [];
  for (const option of s.anyOf ?? s.oneOf ?? s.allOf ?? []) found.push(...stringFields(option, path, depth + 1));
  if (types(s).includes("string") && path.length > 0 && !(s.anyOf ?? s.oneOf)) found.push({ path, schema: s });
  for (const [key, child] of Object.entries(s.properties ?? {})) found.push(...stringFields(child, [...path, key], depth + 1));
  if (s.items) found.push(...stringFields(s.items, [...path, "0"], depth + 1));
  return found;
}

function withValue(base: unknown, path: string[], value: unknown): unknown {
  const root = structuredClone(base) as Record<string, unknown>;
  let node = root;
  path.forEach((key, i) => {
    if (i === path.length - 1) node[key] = value;
    else node = (node[key] ??= /^\d+$/.test(path[i + 1]!) ? [] : {}) as Record<string, unknown>;
  });
  return root;
}

const MARK = "\u{1F9EA}MARK\u{1F9EA}";
/** Body text in which MARK is replaced by raw JSON (escapes that JSON.stringify would not emit). */
const raw = (value: unknown, json: string) => JSON.stringify(value).replace(JSON.stringify(MARK), json);

function fillPath(path: string, override: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(override[name] ?? known[name] ?? "x"));
}

async function countRows(): Promise<Record<string, number>> {
  const tables = await sql<{ table_name: string }>(
    server.databaseUrl,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await sql<{ n: string }>(server.databaseUrl, `SELECT count(*) AS n FROM "${table_name}"`);
    counts[table_name] = Number(row!.n);
  }
  return counts;
}

interface Probe { what: string; method: string; path: string; body?: Uint8Array | string }

function probes(): Probe[] {
  const list: Probe[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const M = method.toUpperCase();
      for (const param of op.parameters ?? []) {
        const target = param.in === "path" ? fillPath(path, { [param.name]: "a\u0000b" }) : `${fillPath(path)}?${param.name}=a%00b`;
        list.push({ what: `${M} ${path} ${param.in} ${param.name} NUL`, method: M, path: target });
      }
      const schema = op.requestBody?.content["application/json"]?.schema;
      if (!schema) continue;
      const at = fillPath(path);
      const base = sample(schema);
      for (const field of stringFields(schema)) {
        const name = `${M} ${path} ${field.path.join(".")}`;
        const marked = withValue(base, field.path, MARK);
        list.push({ what: `${name} NUL`, method: M, path: at, body: raw(marked, '"a\\u0000b"') });
        list.push({ what: `${name} lone high surrogate`, method: M, path: at, body: raw(marked, '"a\\ud800b"') });
        list.push({ what: `${name} lone low surrogate`, method: M, path: at, body: raw(marked, '"\\udc00"') });
        list.push({ what: `${name} 1 MB`, method: M, path: at, body: raw(marked, JSON.stringify("y".repeat(1024 * 1024))) });
        // Latin-1 encoding of an ASCII body plus U+00FF: one lone 0xFF byte, invalid UTF-8.
        list.push({ what: `${name} invalid UTF-8`, method: M, path: at, body: Buffer.from(raw(marked, '"a\u00ffb"'), "latin1") });
        const allowed = types(field.schema);
        for (const [kind, wrong] of [["number", 42], ["boolean", true], ["object", { a: "b" }]] as const) {
          if (allowed.includes(kind) || allowed.includes("any") || (kind === "number" && allowed.includes("integer"))) continue;
          list.push({ what: `${name} ${kind} instead of string`, method: M, path: at, body: JSON.stringify(withValue(base, field.path, wrong)) });
        }
        const deepAt = field.path.length > 1 ? field.path.slice(0, -1) : field.path;
        list.push({ what: `${name} deep nesting`, method: M, path: at, body: raw(withValue(base, deepAt, MARK), "[".repeat(100_000) + "]".repeat(100_000)) });
      }
      list.push({ what: `${M} ${path} body nested 100k levels`, method: M, path: at, body: "[".repeat(100_000) + "]".repeat(100_000) });
    }
  }
  return list;
}

test("every JSON route answers hostile input with a 4xx error and stores nothing", async () => {
  const all = probes();
  expect(all.length).toBeGreaterThan(100);
  // The server's audit sealer adds seals for the set-up's events: let it finish before counting.
  await expect
    .poll(async () => (await sql<{ n: number }>(server.databaseUrl, `SELECT count(*)::int AS n FROM "AuditEvent" e WHERE NOT EXISTS (SELECT 1 FROM "AuditSeal" s WHERE s."eventSeq" = e."seq")`))[0]!.n, { timeout: 10_000 })
    .toBe(0);
  const before = await countRows();
  const failures: string[] = [];
  for (const probe of all) {
    const res = await fetch(`${server.url}/api/v1${probe.path}`, {
      method: probe.method,
      headers: { authorization: `Bearer ${token}`, ...(probe.body === undefined ? {} : { "content-type": "application/json" }) },
      body: probe.body as BodyInit | undefined,
    });
    const text = await res.text();
    let shaped = false;
    try {
      const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
      shaped = typeof body.error?.code === "string" && typeof body.error.message === "string";
    } catch {
      shaped = false;
    }
    if (res.status < 400 || res.status >= 500 || !shaped) failures.push(`${probe.what} → ${res.status} ${text.slice(0, 120)}`);
  }
  expect(failures).toEqual([]);
  expect(await countRows()).toEqual(before);
}, 300_000);
