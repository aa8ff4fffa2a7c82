/**
 * A Server-Sent Events client over fetch, for what EventSource cannot tell: why a stream failed
 * (a 404 means access is gone, not "try again"), and whether the network is there at all. It
 * resumes by cursor after any drop (Last-Event-ID), backs off while the server is away, comes back
 * at once when the browser goes online, and treats a stream silent for longer than three
 * heartbeats as dropped (a dead connection does not always say so).
 */

import { parseBlock } from "@/lib/live/sse";

export type StreamState = "connecting" | "live" | "reconnecting" | "offline" | "ended";

export interface StreamEvent {
  id: string | null;
  event: string;
  data: string;
}

const SILENCE_MS = 45_000;
const MAX_BACKOFF_MS = 10_000;

export class EventStreamReader {
  private cursor: string | null;
  private controller: AbortController | null = null;
  private stopped = false;
  private backoff = 1000;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private silenceTimer: ReturnType<typeof setTimeout> | undefined;
  state: StreamState = "connecting";

  constructor(
    private readonly url: string,
    cursor: string | null,
    private readonly on: { event: (event: StreamEvent) => void; state: (state: StreamState, detail?: string) => void },
  ) {
    this.cursor = cursor;
  }

  start(): void {
    window.addEventListener("online", this.online);
    window.addEventListener("offline", this.offline);
    if (navigator.onLine === false) this.setState("offline");
    else void this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener("online", this.online);
    window.removeEventListener("offline", this.offline);
    clearTimeout(this.retryTimer);
    clearTimeout(this.silenceTimer);
    this.controller?.abort();
  }

  /** Resume after `cursor` from now on (after a reset: the page reloaded what it shows). */
  moveTo(cursor: string | null): void {
    this.cursor = cursor;
  }

  private online = () => {
    if (this.stopped || this.state === "ended") return;
    clearTimeout(this.retryTimer);
    this.backoff = 1000;
    void this.connect();
  };

  private offline = () => {
    if (this.stopped || this.state === "ended") return;
    this.controller?.abort();
    this.setState("offline");
  };

  private setState(state: StreamState, detail?: string) {
    if (this.state === state && !detail) return;
    this.state = state;
    this.on.state(state, detail);
  }

  private retry() {
    if (this.stopped || this.state === "ended") return;
    if (navigator.onLine === false) return this.setState("offline");
    this.setState("reconnecting");
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), this.backoff);
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
  }

  private heardSomething(controller: AbortController) {
    clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => controller.abort(), SILENCE_MS);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    if (this.state !== "offline") this.setState(this.state === "live" ? "reconnecting" : this.state);
    try {
      const headers: Record<string, string> = { accept: "text/event-stream" };
      if (this.cursor !== null) headers["last-event-id"] = this.cursor;
      const res = await fetch(this.url, { headers, signal: controller.signal, cache: "no-store", credentials: "same-origin" });
      if (res.status === 401 || res.status === 403 || res.status === 404) {
        return this.setState("ended", res.status === 401 ? "signed-out" : "no-access");
      }
      if (!res.ok || !res.body) return this.retry();
      this.setState("live");
      this.backoff = 1000;
      this.heardSomething(controller);
      await this.read(res.body, controller);
    } catch {
      // aborted or dropped: below
    }
    clearTimeout(this.silenceTimer);
    if (this.controller === controller && !this.stopped && this.state !== "offline") this.retry();
  }

  private async read(body: ReadableStream<Uint8Array>, controller: AbortController) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      this.heardSomething(controller);
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const { id, event, data } = parseBlock(buffer.slice(0, cut));
        buffer = buffer.slice(cut + 2);
        if (id !== null) this.cursor = id;
        if (data !== null) this.on.event({ id, event, data });
      }
    }
  }
}
