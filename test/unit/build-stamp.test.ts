import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildInputsHash, buildIsCurrent, writeStamp } from "../../scripts/build-stamp.mjs";

/** `npm start` rebuilds only when what `next build` reads has changed (scripts/build-stamp.mjs). */

let root: string;
const env: NodeJS.ProcessEnv = { TRACEWELL_NEXT_DIST_DIR: ".next-stamp" } as unknown as NodeJS.ProcessEnv;

function put(rel: string, text: string) {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "tracewell-stamp-"));
  put("app/page.tsx", "export default function Page() { return null; }\n");
  put("components/ui/button.tsx", "export const Button = 1;\n");
  put("lib/text/slice.ts", "export const slice = 1;\n");
  put("prisma/schema.prisma", "model User { id String @id }\n");
  put("package-lock.json", "{}\n");
  put("next.config.js", "export default {};\n");
  put("tsconfig.json", JSON.stringify({ compilerOptions: { strict: true }, include: ["**/*.ts"] }, null, 2));
  put("test/unit/a.test.ts", "1\n");
  put("docs/security.md", "# doc\n");
  put("e2e/a.spec.ts", "1\n");
  put(".data/postgres/PG_VERSION", "18\n");
  put(".next-stamp/BUILD_ID", "abc\n");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("the build stamp", () => {
  it.each([
    ["a page", "app/page.tsx"],
    ["a component", "components/ui/button.tsx"],
    ["lib code", "lib/text/slice.ts"],
    ["a new lib file", "lib/new-module.ts"],
    ["the Prisma schema", "prisma/schema.prisma"],
    ["the lockfile", "package-lock.json"],
    ["next.config.js", "next.config.js"],
    ["a public asset", "public/logo.svg"],
  ])("changes with %s", (_what, rel) => {
    const before = buildInputsHash(root, env);
    put(rel, "changed\n");
    expect(buildInputsHash(root, env)).not.toBe(before);
  });

  it.each([
    ["a test", "test/unit/a.test.ts"],
    ["an e2e spec", "e2e/a.spec.ts"],
    ["the docs", "docs/security.md"],
    ["the data directory", ".data/postgres/PG_VERSION"],
    ["the build directory", ".next-stamp/server/page.js"],
    ["next-env.d.ts (written by the build)", "next-env.d.ts"],
  ])("does not change with %s", (_what, rel) => {
    const before = buildInputsHash(root, env);
    put(rel, "changed\n");
    expect(buildInputsHash(root, env)).toBe(before);
  });

  it("ignores next build's own rewrite of tsconfig.json, but not a real change to it", () => {
    const before = buildInputsHash(root, env);
    // What `next build` does: reformat, and add its build directory's types.
    put("tsconfig.json", JSON.stringify({ compilerOptions: { strict: true }, include: ["**/*.ts", ".next-stamp/types/**/*.ts"] }, null, 4));
    expect(buildInputsHash(root, env)).toBe(before);
    put("tsconfig.json", JSON.stringify({ compilerOptions: { strict: false }, include: ["**/*.ts"] }));
    expect(buildInputsHash(root, env)).not.toBe(before);
  });

  it("changes with the NEXT_PUBLIC_ variables that Next.js inlines, not with others", () => {
    const before = buildInputsHash(root, env);
    expect(buildInputsHash(root, { ...env, DATABASE_URL: "postgresql://x" })).toBe(before);
    expect(buildInputsHash(root, { ...env, NEXT_PUBLIC_FLAG: "1" })).not.toBe(before);
  });

  it("counts a build as current only with its BUILD_ID and a stamp of the same inputs", () => {
    const hash = buildInputsHash(root, env);
    expect(buildIsCurrent(root, hash, env)).toBe(false);
    writeStamp(root, hash, env);
    expect(buildIsCurrent(root, hash, env)).toBe(true);
    put("lib/text/slice.ts", "edited\n");
    expect(buildIsCurrent(root, buildInputsHash(root, env), env)).toBe(false);
    rmSync(path.join(root, ".next-stamp/BUILD_ID"));
    expect(buildIsCurrent(root, hash, env)).toBe(false);
  });
});
