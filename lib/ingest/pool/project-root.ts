import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project's root directory, where the worker entry lives. Bundled code cannot use its own
 * `import.meta.url` (it points into `.next/server/chunks`), so: TRACEWELL_ROOT (set by `serve`),
 * else the nearest directory above the working directory, or above this module, whose
 * package.json is named "tracewell".
 */
export function projectRoot(): string {
  const fromEnv = process.env.TRACEWELL_ROOT;
  if (fromEnv && isTracewellRoot(fromEnv)) return fromEnv;
  const starts = [process.cwd()];
  try {
    starts.push(path.dirname(fileURLToPath(import.meta.url)));
  } catch {
    // not a file: URL in some bundles
  }
  for (const start of starts) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      if (isTracewellRoot(dir)) return dir;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error("cannot find the tracewell project root for the extraction workers: set TRACEWELL_ROOT");
}

function isTracewellRoot(dir: string): boolean {
  const file = path.join(dir, "package.json");
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, "utf8")) as { name?: string }).name === "tracewell";
  } catch {
    return false;
  }
}
