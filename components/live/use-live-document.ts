"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { AnnotationStore } from "@/components/annotations/annotation-store";
import { newTabId, releaseChannel, retainChannel, type AnnotationEvent, type ChannelState, type PresencePerson } from "./live-channel";

/** A selection is reported at most this often. */
const SELECTION_EVERY_MS = 150;

/**
 * The reader's live side: the document's event stream feeds the annotation store (the same way in
 * as this tab's own replies, so an echo is never a second highlight), tells the page about changes
 * made by others, and shares this tab's selection with everyone who has the document open.
 */
export function useLiveDocument({
  documentId,
  cursor,
  store,
  selfId,
  isOwn,
  onRemoteChange,
  onReset,
  onActivity,
}: {
  documentId: string;
  cursor: string | null;
  store: AnnotationStore;
  selfId: string;
  /** Whether this tab is still waiting for its own call about the annotation (an echo of it is not news from elsewhere). */
  isOwn: (annotationId: string) => boolean;
  /** A change by someone else that changed what this page shows. */
  onRemoteChange: (event: AnnotationEvent) => void;
  /** The stream could not resume (away too long): what the page shows must be reloaded. */
  onReset: () => void;
  /** Any change of the document, anyone's (this tab's too), annotation or workflow: the workflow view refreshes. */
  onActivity?: () => void;
}) {
  const [tab] = useState(newTabId);
  const [connection, setConnection] = useState<{ state: ChannelState; detail?: string }>({ state: "connecting" });
  const [people, setPeople] = useState<PresencePerson[]>([]);
  const handlers = useRef({ onRemoteChange, onReset, isOwn, onActivity });
  handlers.current = { onRemoteChange, onReset, isOwn, onActivity };

  useEffect(() => {
    const channel = retainChannel(`/api/v1/documents/${encodeURIComponent(documentId)}/events?tab=${tab}`, cursor);
    setConnection({ state: channel.state, detail: channel.detail });
    if (channel.lastPresence) setPeople(channel.lastPresence.people);
    const offs = [
      channel.on("change", (event) => {
        // Someone else, or this user in another tab: anything but this tab's own call.
        const elsewhere = event.actor.id !== selfId || !handlers.current.isOwn(event.annotation.id);
        if (store.receive(event.annotation, elsewhere ? event.actor : undefined) && elsewhere) handlers.current.onRemoteChange(event);
        handlers.current.onActivity?.();
      }),
      channel.on("workflow", () => handlers.current.onActivity?.()),
      channel.on("presence", (event) => setPeople(event.people)),
      channel.on("state", (state, detail) => setConnection({ state, detail })),
      channel.on("reset", () => handlers.current.onReset()),
    ];
    return () => {
      for (const off of offs) off();
      releaseChannel(channel);
    };
  }, [documentId, cursor, store, selfId, tab]);

  const latest = useRef<{ start: number; end: number } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const moveSelection = useCallback(
    (range: { start: number; end: number } | null) => {
      latest.current = range;
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = undefined;
        void fetch(`/api/v1/documents/${encodeURIComponent(documentId)}/presence`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ tab, selection: latest.current }),
        }).catch(() => {
          // presence is best effort
        });
      }, SELECTION_EVERY_MS);
    },
    [documentId, tab],
  );
  useEffect(() => () => clearTimeout(timer.current), []);

  const self = `${selfId}:${tab}`;
  const others = people.filter((person) => person.connection !== self);
  return { connection, others, moveSelection };
}
