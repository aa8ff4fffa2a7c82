import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The raw socket's end, for event streams. Next.js route handlers may not abort `request.signal`
 * when a client goes away, and a stream's `cancel` runs only when a later write fails: an idle
 * stream would hold its subscription until the next heartbeat. So the server (lib/cli/serve.ts)
 * tags each request with an id and aborts that id's signal when Node closes the response; the
 * route looks the signal up by the id. Through globalThis: the server and the Next.js bundle hold
 * separate copies of this module in one process.
 */

export const CONNECTION_HEADER = "x-tracewell-connection";
/** The event-stream routes (app/api/v1/{documents,projects}/[id]/events). */
const EVENT_STREAM = /^\/api\/v1\/(?:documents|projects)\/[^/?]+\/events(?:\?|$)/;
const KEY = Symbol.for("tracewell.connections");
type Holder = { [KEY]?: Map<string, AbortController> };

function registry(): Map<string, AbortController> {
  return ((globalThis as Holder)[KEY] ??= new Map());
}

/** Called by the server for every request: a client cannot name a connection of its own. */
export function trackConnection(req: IncomingMessage, res: ServerResponse): void {
  delete req.headers[CONNECTION_HEADER];
  if (!EVENT_STREAM.test(req.url ?? "")) return;
  const id = randomUUID();
  const controller = new AbortController();
  registry().set(id, controller);
  req.headers[CONNECTION_HEADER] = id;
  res.once("close", () => {
    registry().delete(id);
    controller.abort();
  });
}

/** The signal that fires when this request's connection closes; null outside the server (tests of handlers). */
export function connectionSignal(headers: Headers): AbortSignal | null {
  const id = headers.get(CONNECTION_HEADER);
  return (id && registry().get(id)?.signal) || null;
}

/** Open tracked connections: for the live statistics. */
export function trackedConnections(): number {
  return registry().size;
}
