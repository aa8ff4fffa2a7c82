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
