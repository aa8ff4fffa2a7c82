/**
 * bench:live's subscriber: an event stream (test/helpers/sse.ts's raw node:http client) whose
 * changes are stamped with the wall-clock moment their bytes were parsed, and then dropped from the
 * client's list so that a long run keeps only what the benchmark needs.
 */
import { performance } from "node:perf_hooks";
import { openSse, type SseClient } from "../test/helpers/sse";

/** Milliseconds since the epoch, to a fraction of a millisecond (comparable with the server's clock). */
export const wallClock = () => performance.timeOrigin + performance.now();

export interface Arrival {
  /** The `id:` line: the change's position in the sealed log. */
  cursor: number;
  /** `annotationId@version`. */
  key: string;
  at: number;
}

export interface Subscriber {
  client: SseClient;
  /** Changes in the order they arrived. */
  arrivals: Arrival[];
  /** `event: presence` frames so far. */
  presence: number;
  /** Bytes of `data:` received so far (changes and presence). */
  dataBytes: number;
  /** Stops stamping and drops the connection. */
  close(): void;
}

/** Opens a stream and stamps every change on it until `close()`; fails unless the server answers 200. */
export async function subscribe(url: string, headers: Record<string, string>, maxRunMs: number): Promise<Subscriber> {
  const client = await openSse(url, headers);
  if (client.status !== 200) {
    client.close();
    throw new Error(`${url} answered ${client.status}`);
  }
  let done = false;
  const sub: Subscriber = {
    client,
    arrivals: [],
    presence: 0,
    dataBytes: 0,
    close() {
      done = true;
      client.close();
    },
  };
  // The helper calls a waiter's predicate right after parsing each chunk: that is the moment the
  // chunk's events became visible to a client, so they are stamped there. Returning true (after
  // close) ends the wait and clears its timer.
  void client
    .waitFor((events) => {
      const at = wallClock();
      for (const event of events) {
        sub.dataBytes += event.data.length;
        if (event.event === "presence") sub.presence++;
        if (!event.event.startsWith("annotation.")) continue;
        const { annotation } = JSON.parse(event.data) as { annotation: { id: string; version: number } };
        sub.arrivals.push({ cursor: Number(event.id), key: `${annotation.id}@${annotation.version}`, at });
      }
      events.length = 0;
      return done;
    }, maxRunMs)
    .catch(() => {});
  return sub;
}
