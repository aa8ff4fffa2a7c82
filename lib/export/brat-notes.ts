import { json } from "./chunks";

/**
 * The text of a brat AnnotatorNotes line that carries an annotation's attributes, e.g.
 * `value=6000; qualifier=more than; unit=fighters` — readable in brat's note box, and exact enough
 * to read back (lib/import):
 *
 *   note  = item *("; " item)
 *   item  = path "=" value
 *   path  = segment *("." segment)     nested objects flatten: source.annotationId=…
 *   segment = [A-Za-z_][A-Za-z0-9_-]* | JSON string
 *   value = JSON number | true | false | null | JSON array | bare string | JSON string
 *
 * A string is bare when it cannot be mistaken for anything else: no ; = " \ or control
 * characters, no leading or trailing space, and it does not start like a number or literal.
 * Otherwise it is a JSON string, so "6000" (text) and 6000 (number) stay apart. Nothing in a note
 * can break the line: JSON escapes control characters, and U+0085/U+2028/U+2029 are escaped too.
 */

const BARE_SEGMENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const UNSAFE = /[;="\\\p{Cc}\u2028\u2029]/u;
const LOOKS_LITERAL = /^(?:[-+.\d]|true$|false$|null$|\[|\{)/;

function segment(key: string): string {
  return BARE_SEGMENT.test(key) ? key : json(key);
}

function value(v: unknown): string {
  if (typeof v === "string") {
    const bare = v.length > 0 && v.trim() === v && !UNSAFE.test(v) && !LOOKS_LITERAL.test(v);
    return bare ? v : json(v);
  }
  return json(v ?? null);
}

function items(attributes: Record<string, unknown>, prefix: string, out: string[]): void {
  for (const [key, v] of Object.entries(attributes)) {
    const path = prefix + segment(key);
    if (v !== null && typeof v === "object" && !Array.isArray(v)) items(v as Record<string, unknown>, `${path}.`, out);
    else out.push(`${path}=${value(v)}`);
  }
}

/** "" when there is nothing to say. */
export function formatNote(attributes: Record<string, unknown>): string {
  const out: string[] = [];
  items(attributes, "", out);
  return out.join("; ");
}
