/**
 * Server-Sent Events framing (WHATWG HTML, "Server-sent events"). Data is one line of JSON, so no
 * value can break a frame; `id` and `event` are ours and never contain line breaks.
 */

export function frame({ id, event, data }: { id?: number; event: string; data: unknown }): string {
  return `${id !== undefined ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A comment line: ignored by clients, keeps proxies from timing the stream out. */
export function comment(text: string): string {
  return `: ${text}\n\n`;
}

/** One block of a stream (the text between blank lines), as a client reads it. */
export interface SseBlock {
  id: string | null;
  event: string;
  /** null: no data lines (a comment or an id alone): nothing is dispatched. */
  data: string | null;
  comments: string[];
}

/** Parses one block (without its blank line): fields per WHATWG, "message" by default. */
export function parseBlock(block: string): SseBlock {
  let id: string | null = null;
  let event = "message";
  const data: string[] = [];
  const comments: string[] = [];
  for (const line of block.split(/\r\n|\r|\n/)) {
    const colon = line.indexOf(":");
    if (colon === 0) {
      comments.push(line.slice(1).trim());
      continue;
    }
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "id") id = value;
    else if (field === "event") event = value;
    else if (field === "data") data.push(value);
  }
  return { id, event, data: data.length ? data.join("\n") : null, comments };
}
