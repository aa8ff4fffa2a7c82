// What `npm start` hashes to decide whether the production build is current: every input that
// changes what `next build` produces, and nothing else (tests, docs, data and the build itself are
// left out, so a restart after editing them does not rebuild).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Source folders, walked whole. */
const DIRS = ["app", "components", "lib", "public", "styles"];
/** Single files at the root (or under prisma/) that shape the build. */
const FILES = [
  "next.config.js",
  "next.config.mjs",
  "next.config.ts",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "postcss.config.mjs",
  "postcss.config.js",
  "tailwind.config.ts",
  "middleware.ts",
  "proxy.ts",
  "instrumentation.ts",
  "prisma/schema.prisma",
  // Next.js inlines these into the build.
  ".env",
  ".env.local",
  ".env.production",
  ".env.production.local",
];
const STAMP = "tracewell-build-stamp";

function walk(root, dir, out) {
  const full = path.join(root, dir);
  if (!existsSync(full) || !statSync(full).isDirectory()) return;
  for (const entry of readdirSync(full, { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(root, rel, out);
    else if (entry.isFile()) out.push(rel);
  }
}

/**
 * `next build` rewrites tsconfig.json (formatting, and an `include` for each build directory's
 * types), so hash its meaning without those, or every build would invalidate its own stamp.
 */
function tsconfigBytes(text) {
  try {
    const config = JSON.parse(text);
    if (Array.isArray(config.include)) config.include = config.include.filter((p) => !/^\.next/.test(p));
    return JSON.stringify(config);
  } catch {
    return text;
  }
}

/** sha256 over the inputs' paths and bytes, plus the environment Next.js bakes into the build. */
export function buildInputsHash(root, env = process.env) {
  const files = [];
  for (const dir of DIRS) walk(root, dir, files);
  for (const file of FILES) if (existsSync(path.join(root, file))) files.push(file);
  const hash = createHash("sha256");
  for (const rel of files.map((f) => f.split(path.sep).join("/")).sort()) {
    const bytes = readFileSync(path.join(root, rel));
    hash.update(`${rel}\0${rel === "tsconfig.json" ? tsconfigBytes(bytes.toString("utf8")) : bytes.toString("base64")}\0`);
  }
  const baked = Object.keys(env).filter((k) => k.startsWith("NEXT_PUBLIC_")).sort();
  hash.update(`env\0${baked.map((k) => `${k}=${env[k]}`).join("\0")}`);
  return hash.digest("hex");
}

export function distDir(root, env = process.env) {
  return path.join(root, env.TRACEWELL_NEXT_DIST_DIR || ".next");
}

/** True when the build directory holds a complete build of exactly these inputs. */
export function buildIsCurrent(root, hash, env = process.env) {
  const dist = distDir(root, env);
  const stamp = path.join(dist, STAMP);
  if (!existsSync(path.join(dist, "BUILD_ID")) || !existsSync(stamp)) return false;
  return readFileSync(stamp, "utf8").trim() === hash;
}

/** Written only after a successful build, so an interrupted one is never taken for current. */
export function writeStamp(root, hash, env = process.env) {
  writeFileSync(path.join(distDir(root, env), STAMP), hash + "\n");
}
