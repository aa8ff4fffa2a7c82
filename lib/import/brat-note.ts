/**
 * Reads back the attribute notes that lib/export/brat-notes.ts writes:
 *
 *   note    = item *("; " item)
 *   item    = path "=" value
 *   path    = segment *("." segment)        source.annotationId=… is { source: { annotationId } }
 *   segment = [A-Za-z_][A-Za-z0-9_-]* | JSON string
 *   value   = JSON number | true | false | null | JSON array | JSON string | bare string
 *
 * A bare string holds no ; = " \ and does not start like a number or literal, so it runs to the
 * next "; ". Throws an Error naming the position of anything else.
 */

const BARE_SEGMENT = /^[A-Za-z_][A-Za-z0-9_-]*/;

class NoteReader {
  at = 0;
  constructor(readonly text: string) {}

  fail(what: string): never {
    throw new Error(`attribute note: ${what} at character ${this.at + 1}`);
  }

  /** A JSON string starting at the cursor. */
  jsonString(): string {
    let i = this.at + 1;
    while (i < this.text.length && this.text[i] !== '"') i += this.text[i] === "\\" ? 2 : 1;
    if (i >= this.text.length) this.fail("unterminated string");
    const raw = this.text.slice(this.at, i + 1);
    this.at = i + 1;
    return JSON.parse(raw) as string;
  }

  /** A JSON array starting at the cursor (brackets balanced outside strings). */
  jsonArray(): unknown[] {
    let depth = 0;
    let i = this.at;
    for (; i < this.text.length; i++) {
      const c = this.text[i];
      if (c === '"') {
        for (i++; i < this.text.length && this.text[i] !== '"'; i += this.text[i] === "\\" ? 2 : 1);
      } else if (c === "[" || c === "{") depth++;
      else if (c === "]" || c === "}") {
        depth--;
        if (depth === 0) break;
      }
    }
    if (depth !== 0) this.fail("unterminated list");
    const raw = this.text.slice(this.at, i + 1);
    this.at = i + 1;
    try {
      return JSON.parse(raw) as unknown[];
    } catch {
      return this.fail("malformed list");
    }
  }

  segment(): string {
    if (this.text[this.at] === '"') return this.jsonString();
    const match = BARE_SEGMENT.exec(this.text.slice(this.at));
    if (!match) this.fail("expected an attribute name");
    this.at += match[0].length;
    return match[0];
  }

  path(): string[] {
    const segments = [this.segment()];
    while (this.text[this.at] === ".") {
      this.at++;
      segments.push(this.segment());
    }
    return segments;
  }

  value(): unknown {
    const c = this.text[this.at];
    if (c === '"') return this.jsonString();
    if (c === "[") return this.jsonArray();
    const end = this.text.indexOf("; ", this.at);
    const raw = this.text.slice(this.at, end === -1 ? this.text.length : end);
    this.at += raw.length;
    if (raw === "true") return true;
    if (raw === "false") return false;
    if (raw === "null") return null;
    if (/^[-+.\d]/.test(raw)) {
      const number = Number(raw);
      if (raw.trim() !== raw || !Number.isFinite(number)) this.fail(`${JSON.stringify(raw)} is not a number`);
      return number;
    }
    if (raw === "") this.fail("expected a value");
    return raw;
  }
}

function assign(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === undefined) node[key] = {};
    else if (typeof next !== "object" || next === null || Array.isArray(next)) throw new Error(`attribute note: ${path.join(".")} conflicts with ${key}`);
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

export function parseNote(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (text === "") return out;
  const reader = new NoteReader(text);
  for (;;) {
    const path = reader.path();
    if (text[reader.at] !== "=") reader.fail('expected "="');
    reader.at++;
    assign(out, path, reader.value());
    if (reader.at === text.length) return out;
    if (!text.startsWith("; ", reader.at)) reader.fail('expected "; " between attributes');
    reader.at += 2;
  }
}
