import { createRequire } from "node:module";
import path from "node:path";

/**
 * Installed versions of the extraction libraries, read from their package.json once at load, so
 * each document's extraction recipe names the exact library that produced its text.
 */

const requireHere = createRequire(import.meta.url);

function packageVersion(name: string): string {
  try {
    return (requireHere(`${name}/package.json`) as { version: string }).version;
  } catch {
    // Packages with an "exports" map (htmlparser2) hide their package.json: walk up from the entry.
    try {
      let dir = path.dirname(requireHere.resolve(name));
      for (let up = 0; up < 6; up++, dir = path.dirname(dir)) {
        try {
          const pkg = requireHere(path.join(dir, "package.json")) as { name?: string; version?: string };
          if (pkg.name === name && pkg.version) return pkg.version;
        } catch {
          // no package.json at this level
        }
      }
    } catch {
      // not resolvable from here (a bundle without node_modules)
    }
    return "unknown";
  }
}

export const LIBRARY_VERSIONS = Object.freeze({
  "pdfjs-dist": packageVersion("pdfjs-dist"),
  mammoth: packageVersion("mammoth"),
  htmlparser2: packageVersion("htmlparser2"),
  yauzl: packageVersion("yauzl"),
});

export type ExtractionLibrary = keyof typeof LIBRARY_VERSIONS;
