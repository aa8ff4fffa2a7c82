import { AppError } from "@/lib/errors";
import { findLoneSurrogate } from "@/lib/text/code-points";

/**
 * Strings that must never reach the database. PostgreSQL refuses U+0000 in text (22021) and in
 * jsonb (22P05), and a lone UTF-16 surrogate is not Unicode at all: encoding it to UTF-8 silently
 * turns it into U+FFFD, so what is stored is not what was sent. Both are refused at the boundary,
 * once for a whole parsed input, naming the field.
 */

/** Deeper than any input of the API needs; a bound on the walk, and on JSON.stringify later. */
export const MAX_INPUT_DEPTH = 64;

export type HostileProblem = "nul" | "lone_surrogate" | "too_deep";

export interface HostileFinding {
  /** Dot-joined, like zod issue paths: `metadata.author`, `labels.0.name`; "" for the value itself. */
  path: string;
  problem: HostileProblem;
  /** Whether the offending string is an object key rather than a value. */
  key?: boolean;
}

export function stringProblem(value: string): "nul" | "lone_surrogate" | null {
  if (value.includes("\u0000")) return "nul";
  if (findLoneSurrogate(value) !== -1) return "lone_surrogate";
  return null;
}

function join(path: string, key: string | number): string {
  return path === "" ? String(key) : `${path}.${key}`;
}

/**
 * The first hostile string (value or key) in a JSON-like value, or a nesting deeper than
 * `maxDepth`. Iterative, so a hostile nesting cannot overflow the stack.
 */
export function findHostileInput(value: unknown, maxDepth = MAX_INPUT_DEPTH): HostileFinding | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: "", depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === "string") {
      const problem = stringProblem(item.value);
      if (problem) return { path: item.path, problem };
      continue;
    }
    if (typeof item.value !== "object" || item.value === null) continue;
    if (item.depth >= maxDepth) return { path: item.path, problem: "too_deep" };
    if (Array.isArray(item.value)) {
      for (let i = item.value.length - 1; i >= 0; i--) stack.push({ value: item.value[i], path: join(item.path, i), depth: item.depth + 1 });
      continue;
    }
    const entries = Object.entries(item.value);
    for (const [key] of entries) {
      const problem = stringProblem(key);
      if (problem) return { path: join(item.path, key.replace(/[\u0000\uD800-\uDFFF]/g, "?")), problem, key: true };
    }
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      stack.push({ value: child, path: join(item.path, key), depth: item.depth + 1 });
    }
  }
  return null;
}

const DESCRIBE: Record<HostileProblem, string> = {
  nul: "contains a NUL character (U+0000), which cannot be stored",
  lone_surrogate: "contains a lone UTF-16 surrogate, which is not valid Unicode",
  too_deep: `is nested too deeply (more than ${MAX_INPUT_DEPTH} levels)`,
};

export function hostileInputError(finding: HostileFinding, what: string): AppError {
  const subject = finding.path === "" ? what : `${finding.key ? "The key of " : ""}\`${finding.path}\``;
  const message = `${subject} ${DESCRIBE[finding.problem]}`;
  return new AppError("bad_request", message, {
    problem: finding.problem,
    issues: [{ path: finding.path, message: DESCRIBE[finding.problem] }],
  });
}

/** Throws a 400 naming the field when `value` holds a string PostgreSQL or Unicode would refuse. */
export function assertSafeInput(value: unknown, what = "The body"): void {
  const finding = findHostileInput(value);
  if (finding) throw hostileInputError(finding, what);
}
