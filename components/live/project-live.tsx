"use client";

import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { formatNumber } from "@/components/documents/format";
import { Avatar } from "./avatar";
import { releaseChannel, retainChannel, type ChannelState, type PresencePerson } from "./live-channel";

/**
 * The project's live activity for its document list: one event stream for the page; who has which
 * document open, and each document's annotation count moving as annotations are created, deleted
 * and restored (the count as listed, plus what changed since the page's cursor).
 */
interface Activity {
  people: PresencePerson[];
  delta: ReadonlyMap<string, number>;
  state: ChannelState;
}

const ActivityContext = createContext<Activity>({ people: [], delta: new Map(), state: "connecting" });

const STEP = { "annotation.created": 1, "annotation.deleted": -1, "annotation.restored": 1, "annotation.updated": 0 } as const;

export function ProjectLive({ projectId, cursor, children }: { projectId: string; cursor: string | null; children: ReactNode }) {
  const [activity, setActivity] = useState<Activity>({ people: [], delta: new Map(), state: "connecting" });
  useEffect(() => {
    const channel = retainChannel(`/api/v1/projects/${encodeURIComponent(projectId)}/events`, cursor);
    const offs = [
      channel.on("change", (event) => {
        const step = STEP[event.type];
        if (!step) return;
        const id = event.annotation.documentId;
        setActivity((before) => ({ ...before, delta: new Map(before.delta).set(id, (before.delta.get(id) ?? 0) + step) }));
      }),
      channel.on("presence", (event) => setActivity((before) => ({ ...before, people: event.people }))),
      channel.on("state", (state) => setActivity((before) => ({ ...before, state }))),
    ];
    return () => {
      for (const off of offs) off();
      releaseChannel(channel);
    };
  }, [projectId, cursor]);
  return <ActivityContext.Provider value={activity}>{children}</ActivityContext.Provider>;
}

/** A document's annotation count, live. */
export function LiveCount({ documentId, listed }: { documentId: string; listed: number }) {
  const { delta } = useContext(ActivityContext);
  const change = delta.get(documentId) ?? 0;
  return (
    <span data-testid="live-count" data-document-id={documentId} className={change ? "font-medium text-slate-900" : undefined}>
      {formatNumber(Math.max(0, listed + change))}
    </span>
  );
}

/** Who has the document open right now. */
export function LivePeople({ documentId }: { documentId: string }) {
  const { people } = useContext(ActivityContext);
  const here = new Map<string, PresencePerson>();
  for (const person of people) if (person.documentId === documentId) here.set(person.user.id, person);
  if (here.size === 0) return null;
  const names = [...here.values()].map((p) => p.user.name).join(", ");
  return (
    <span className="mt-1 flex items-center gap-1.5 text-xs text-slate-600" data-testid="live-people" data-document-id={documentId}>
      <span className="flex">
        {[...here.values()].map((p) => (
          <Avatar key={p.user.id} user={p.user} ring className="-ml-1 size-5 text-[0.5rem] first:ml-0" />
        ))}
      </span>
      <span>{names} working here now</span>
    </span>
  );
}
