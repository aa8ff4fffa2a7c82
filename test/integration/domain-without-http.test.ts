import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Issue 12, "domain without HTTP": lib/ outside lib/api is framework-free (route handlers parse
 * with lib/api and pass plain values), the annotation status enum is spelled out once, and
 * surrogate arithmetic lives only in lib/text.
 */

const ROOT = path.resolve(fileURLToPath(import.meta.url), "../../..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated" || name === "node_modules") return [];
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts") ? [full] : [];
  });
}

/** Source without comments, lines kept in place (a `//` after a colon or a quote is in a string, kept). */
function code(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, "")).replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

const FRAMEWORK_IMPORT = /\b(?:from|import|require)\s*\(?\s*["']next(?:[/"'-])/;
const HTTP_NAME = /\b(?:Request|Response|FormData|NextRequest|NextResponse)\b/;

/** `file:line: text` for every line of `code` that matches one of `patterns`. */
function offences(files: string[], patterns: RegExp[]): string[] {
  return files.flatMap((file) =>
    code(readFileSync(file, "utf8"))
      .split("\n")
      .flatMap((line, i) => (patterns.some((p) => p.test(line)) ? [`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
  );
}

const inside = (...dirs: string[]) => (file: string) => dirs.some((dir) => path.relative(ROOT, file).startsWith(`${dir}/`));
const libOutsideApi = sources(path.join(ROOT, "lib")).filter((file) => !inside("lib/api")(file));

describe("the guard's own patterns", () => {
  it("catch framework imports and HTTP types, not comments or look-alike words", () => {
    const flagged = (source: string) => code(source).split("\n").some((l) => FRAMEWORK_IMPORT.test(l) || HTTP_NAME.test(l));
    for (const bad of [
      'import { NextRequest } from "next/server";',
      "import NextAuth from 'next-auth';",
      'import next from "next";',
      "export async function read(req: Request) {}",
      "return Response.json(body);",
      "const form: FormData = await req.formData();",
      'const url = "https://example.org"; return new Response(url);',
    ]) {
      expect(flagged(bad), bad).toBe(true);
    }
    for (const good of [
      "// a Request is parsed by lib/api",
      "/** Answers like a Response would. */",
      'import { z } from "zod";',
      "const requests = 0; const ResponseTime = 1;",
      'const nextId = "next";',
    ]) {
      expect(flagged(good), good).toBe(false);
    }
  });
});

describe("lib/ outside lib/api", () => {
  it("is scanned at all (the walk finds the domain folders)", () => {
    const folders = new Set(libOutsideApi.map((file) => path.relative(ROOT, file).split(path.sep)[1]));
    for (const folder of ["annotations", "auth", "documents", "import", "export", "text", "cli"]) expect(folders).toContain(folder);
  });

  it("imports nothing of Next.js or next-auth", () => {
    expect(offences(libOutsideApi, [FRAMEWORK_IMPORT])).toEqual([]);
  });

  it("never handles Request, Response or FormData", () => {
    expect(offences(libOutsideApi, [HTTP_NAME])).toEqual([]);
  });
});

describe("one declaration", () => {
  const everywhere = ["lib", "app", "components"].flatMap((dir) => sources(path.join(ROOT, dir)));

  it("of the annotation statuses: lib/annotations/attribute-values.ts (zod-free, for the browser)", () => {
    const literal = /["']pending["']\s*(?:,|\|)\s*["']accepted["']/;
    const found = offences(everywhere, [literal]).map((line) => line.split(":")[0]);
    expect(found).toEqual(["lib/annotations/attribute-values.ts"]);
  });

  it("of surrogate arithmetic: lib/text", () => {
    const surrogate = /0x[dD][89abAB][0-9a-fA-F]{2}\b|0x[dD][c-fC-F][0-9a-fA-F]{2}\b/;
    expect(offences(everywhere.filter((file) => !inside("lib/text")(file)), [surrogate])).toEqual([]);
  });
});
