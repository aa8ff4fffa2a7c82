import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { authSecret } from "@/lib/config";
import { AppError } from "@/lib/errors";
import type { Principal } from "@/lib/auth/principal";
import { liveHub } from "@/lib/live/hub";
import { ZCursor, ZEventsQuery } from "@/lib/live/schemas";
import { connectionSignal } from "./connections";
import { searchParams } from "./handler";

/** A stream whose client has not read this much is closed (it resumes by cursor on reconnect). */
const MAX_QUEUED_BYTES = 1 << 20;

/** The Session row behind this request's next-auth cookie (the JWT names it), for rechecks while the stream runs. */
async function sessionIdOf(req: NextRequest): Promise<string | undefined> {
  const cookies = Object.fromEntries(req.cookies.getAll().map((c) => [c.name, c.value]));
  const token = await getToken({ req: { cookies, headers: {} } as never, secret: authSecret() });
  return typeof token?.sid === "string" ? token.sid : undefined;
}

/**
 * An authorized `text/event-stream` response for a project's or a document's changes (call after
 * the gate). The stream ends when the client goes away — seen on the socket itself (lib/api/
 * connections.ts), on `request.signal`, or when a write fails — or when the hub ends it (grant
 * revoked, client too slow). Marked `no-transform` so that nothing compresses or buffers it.
 */
export async function eventStream({
  req,
  principal,
  projectId,
  documentId,
}: {
  req: NextRequest;
  principal: Principal;
  projectId: string;
  documentId: string | null;
}): Promise<Response> {
  const query = ZEventsQuery.parse(searchParams(req));
  const header = req.headers.get("last-event-id");
  const cursor = header !== null && header !== "" ? ZCursor.parse(header) : (query.lastEventId ?? null);
  const sessionId = principal.via === "session" ? await sessionIdOf(req) : undefined;
  if (principal.via === "session" && !sessionId) throw new AppError("unauthenticated", "Sign in again: this session cannot be followed");

  const hub = liveHub();
  const encoder = new TextEncoder();
  const signals = [connectionSignal(req.headers), req.signal].filter((s): s is AbortSignal => s !== null);
  let unsubscribe: (() => void) | null = null;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    unsubscribe?.();
    for (const signal of signals) signal.removeEventListener("abort", finish);
  };

  const body = new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        for (const signal of signals) {
          if (signal.aborted) return finish();
          signal.addEventListener("abort", finish, { once: true });
        }
        const write = (text: string) => {
          if (finished) return false;
          if ((controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) return false;
          controller.enqueue(encoder.encode(text));
          return true;
        };
        const end = () => {
          finish();
          try {
            controller.close();
          } catch {
            // already closed
          }
        };
        try {
          unsubscribe = await hub.subscribe(
            {
              grant: { userId: principal.userId, via: principal.via, sessionId, tokenId: principal.tokenId, projectId, documentId },
              user: { id: principal.userId, name: principal.name },
              tab: documentId ? (query.tab ?? `api-${principal.via}-${principal.tokenId ?? "session"}`.slice(0, 64)) : null,
              write,
              end,
            },
            cursor,
          );
          if (finished) unsubscribe();
        } catch (err) {
          console.error(`[tracewell] event stream failed: ${(err as Error).message}`);
          end();
        }
      },
      cancel() {
        finish();
      },
    },
    { highWaterMark: 0, size: (chunk) => chunk.byteLength },
  );

  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-store, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
