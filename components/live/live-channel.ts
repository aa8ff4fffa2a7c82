import type { Annotation } from "@/components/annotations/types";
import { EventStreamReader, type StreamEvent, type StreamState } from "./event-stream-reader";

/**
 * One event stream per page and path, shared by every view that follows it (a browser allows only
 * about six connections per origin over HTTP/1.1): the views subscribe to it, and the last one
 * leaving closes it.
 */

export interface Actor {
  id: string;
  name: string;
}

export interface AnnotationEvent {
  type: "annotation.created" | "annotation.updated" | "annotation.deleted" | "annotation.restored";
  at: string;
  actor: Actor;
  annotation: Annotation;
}

/** A document's workflow moved (issue 14): submitted, sent back, signed off, reopened, started, assigned. */
export interface WorkflowEvent {
  type: string;
  at: string;
  actor: Actor;
  workflow: { documentId: string; from?: string; to?: string; [key: string]: unknown };
}

export interface PresencePerson {
  connection?: string;
  user: Actor;
  color: string;
  selection?: { start: number; end: number } | null;
  documentId?: string;
}

export interface PresenceEvent {
  type: "presence";
  people: PresencePerson[];
}

export type ChannelState = StreamState;

interface Listeners {
  change: Set<(event: AnnotationEvent) => void>;
  workflow: Set<(event: WorkflowEvent) => void>;
  presence: Set<(event: PresenceEvent) => void>;
  reset: Set<() => void>;
  state: Set<(state: ChannelState, detail?: string) => void>;
}

export class LiveChannel {
  private reader: EventStreamReader;
  private listeners: Listeners = { change: new Set(), workflow: new Set(), presence: new Set(), reset: new Set(), state: new Set() };
  private users = 0;
  state: ChannelState = "connecting";
  detail: string | undefined;
  lastPresence: PresenceEvent | null = null;

  constructor(readonly url: string, cursor: string | null) {
    this.reader = new EventStreamReader(url, cursor, {
      event: (event) => this.dispatch(event),
      state: (state, detail) => {
        this.state = state;
        this.detail = detail;
        for (const listener of this.listeners.state) listener(state, detail);
      },
    });
  }

  on<K extends keyof Listeners>(kind: K, listener: Listeners[K] extends Set<infer L> ? L : never): () => void {
    (this.listeners[kind] as Set<typeof listener>).add(listener);
    return () => void (this.listeners[kind] as Set<typeof listener>).delete(listener);
  }

  private dispatch(event: StreamEvent) {
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    if (event.event.startsWith("annotation.")) for (const listener of this.listeners.change) listener(data as AnnotationEvent);
    else if (event.event.startsWith("document.")) for (const listener of this.listeners.workflow) listener(data as WorkflowEvent);
    else if (event.event === "presence") {
      this.lastPresence = data as PresenceEvent;
      for (const listener of this.listeners.presence) listener(this.lastPresence);
    } else if (event.event === "reset") for (const listener of this.listeners.reset) listener();
  }

  retain(): void {
    if (this.users++ === 0) this.reader.start();
  }

  /** Returns true when this was the last user (the stream is closed). */
  release(): boolean {
    if (--this.users > 0) return false;
    this.reader.stop();
    return true;
  }
}

const channels = new Map<string, LiveChannel>();

/** The page's channel for `url` (created on first use, resuming after `cursor`), retained once. */
export function retainChannel(url: string, cursor: string | null): LiveChannel {
  let channel = channels.get(url);
  if (!channel) channels.set(url, (channel = new LiveChannel(url, cursor)));
  channel.retain();
  return channel;
}

export function releaseChannel(channel: LiveChannel): void {
  if (channel.release()) channels.delete(channel.url);
}

/** A random id for this tab's presence (8–64 of [A-Za-z0-9_-]). */
export function newTabId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
