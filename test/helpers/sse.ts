import http from "node:http";
import { parseBlock } from "@/lib/live/sse";

/** One Server-Sent Event as a client dispatches it (WHATWG parsing, minus what our server never sends). */
export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

export interface SseClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: SseEvent[];
  /** Comment lines seen (heartbeats). */
  comments: string[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  isEnded(): boolean;
  /** Waits until `predicate` holds for the events so far. */
  waitFor(predicate: (events: SseEvent[]) => boolean, timeoutMs?: number): Promise<SseEvent[]>;
  /** Drops the connection from the client's side (no goodbye). */
  close(): void;
  /** The id of the last event that carried one (what a browser would send as Last-Event-ID). */
  lastEventId(): string | null;
}

/**
 * A raw HTTP event-stream client over node:http (not fetch), so a test controls the socket:
 * it can read the first bytes before the response ends and drop the connection at any point.
 */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: "text/event-stream", ...headers } }, (res) => {
      const events: SseEvent[] = [];
      const comments: string[] = [];
      const waiters = new Set<() => void>();
      let buffer = "";
      let lastId: string | null = null;
      let ended = false;
      let endResolve: () => void = () => {};
      const endedPromise = new Promise<void>((r) => (endResolve = r));
      const wake = () => waiters.forEach((w) => w());
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = parseBlock(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
          comments.push(...block.comments);
          if (block.id !== null) lastId = block.id;
          if (block.data !== null) events.push({ id: block.id, event: block.event, data: block.data });
        }
        wake();
      });
      const finish = () => {
        if (ended) return;
        ended = true;
        endResolve();
        wake();
      };
      res.on("end", finish);
      res.on("close", finish);
      res.on("error", finish);
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        comments,
        ended: endedPromise,
        isEnded: () => ended,
        lastEventId: () => lastId,
        close: () => req.destroy(),
        waitFor: (predicate, timeoutMs = 10_000) =>
          new Promise((ok, fail) => {
            const check = () => {
              if (predicate(events)) {
                waiters.delete(check);
                clearTimeout(timer);
                ok(events);
              }
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`timed out after ${timeoutMs} ms; ${events.length} events: ${events.slice(-3).map((e) => `${e.event}#${e.id}`).join(", ")}`));
            }, timeoutMs);
            waiters.add(check);
            check();
          }),
      });
    });
    req.on("error", reject);
  });
}
