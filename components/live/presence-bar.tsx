"use client";

import { Avatar } from "./avatar";
import type { ChannelState, PresencePerson } from "./live-channel";

const STATES: Record<ChannelState, { text: string; dot: string; help: string }> = {
  connecting: { text: "Connecting…", dot: "bg-slate-400", help: "Opening the live connection." },
  live: { text: "Live", dot: "bg-emerald-500", help: "Changes by others appear as they are made." },
  reconnecting: { text: "Reconnecting…", dot: "bg-amber-500", help: "The live connection dropped; it resumes by itself, with nothing missed." },
  offline: { text: "Offline", dot: "bg-red-600", help: "No network: changes cannot be saved now. The page catches up when the network is back." },
  ended: { text: "Not live", dot: "bg-red-600", help: "This page no longer receives changes." },
};

/** Who else has the document open (one avatar per person), and how the live connection is. */
export function PresenceBar({ people, state }: { people: PresencePerson[]; state: ChannelState }) {
  const byUser = new Map<string, PresencePerson>();
  for (const person of people) byUser.set(person.user.id, person);
  const shown = STATES[state];
  return (
    <div className="flex items-center gap-3" data-testid="presence-bar">
      {byUser.size > 0 && (
        <div className="flex items-center" aria-label={`Also here: ${[...byUser.values()].map((p) => p.user.name).join(", ")}`} role="group">
          {[...byUser.values()].map((person) => (
            <Avatar key={person.user.id} user={person.user} ring className="-ml-1 first:ml-0" />
          ))}
        </div>
      )}
      <span role="status" data-testid="connection-state" data-state={state} title={shown.help} className="inline-flex items-center gap-1.5 text-xs text-slate-700">
        <span aria-hidden className={`size-2 rounded-full ${shown.dot}`} />
        {shown.text}
      </span>
    </div>
  );
}
