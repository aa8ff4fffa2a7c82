import type { IncomingMessage, ServerResponse } from "node:http";

const LINGER_MS = 2_000;

/**
 * For lib/cli/serve.ts's http.Server. When the app answers `Connection: close` before the request
 * body has all arrived (a 413 at a body limit, a 401 before reading), Node closes the socket at
 * once, with the client's unread bytes still in its buffer: the kernel then resets the
 * connection, and a client that is still sending can lose the answer. Instead: send the answer
 * and a FIN, discard (never buffer) what still arrives, and close when the client does or after
 * two seconds — the "lingering close" of Apache and nginx.
 */
export function lingerOnEarlyClose(req: IncomingMessage, res: ServerResponse): void {
  // Runs before Node's own finish handler, which calls socket.destroySoon().
  res.prependListener("finish", () => {
    if (req.complete || !/\bclose\b/i.test(String(res.getHeader("connection") ?? ""))) return;
    const socket = req.socket;
    if (socket.destroyed) return;
    socket.destroySoon = () => {
      socket.end();
      req.removeAllListeners("readable");
      req.on("data", () => {});
      req.resume();
      const timer = setTimeout(() => socket.destroy(), LINGER_MS);
      timer.unref();
      socket.once("close", () => clearTimeout(timer));
    };
  });
}
