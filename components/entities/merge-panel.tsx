"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { EntityRow } from "./entity-table";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Owners and reviewers: the chosen entities, one of them kept. Before anything moves the panel
 * says what will: the others' names and aliases become the kept one's aliases, their mentions
 * count for it, their external ids fill the keys it lacks, and they stay as redirects.
 */
export function MergePanel({
  chosen,
  busy,
  onMerge,
  onCancel,
}: {
  chosen: EntityRow[];
  busy: boolean;
  onMerge: (target: EntityRow, from: EntityRow[]) => void;
  onCancel: () => void;
}) {
  const [targetId, setTargetId] = useState(chosen[0]!.id);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const target = chosen.find((e) => e.id === targetId) ?? chosen[0]!;
  const from = chosen.filter((e) => e.id !== target.id);
  const mentions = from.reduce((n, e) => n + e.mentions, 0);
  const newIds = from.flatMap((e) => Object.entries(e.externalIds).filter(([key]) => target.externalIds[key] === undefined));

  return (
    <section aria-labelledby="merge-title" className="grid gap-4 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h3 id="merge-title" ref={heading} tabIndex={-1} className="text-sm font-semibold text-slate-900 focus:outline-none">
        Merge {plural(chosen.length, "entity", "entities")}
      </h3>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-900">Keep which one?</legend>
        {chosen.map((entity) => (
          <label key={entity.id} className="flex items-center gap-2 text-sm">
            <input type="radio" name="merge-target" className="size-4 accent-slate-900" checked={entity.id === target.id} onChange={() => setTargetId(entity.id)} />
            <bdi dir="auto">{entity.name}</bdi>
          </label>
        ))}
      </fieldset>
      <div className="grid gap-1 text-sm text-slate-800" data-testid="merge-summary">
        <p>
          Merging into <bdi className="font-semibold">{target.name}</bdi>:
        </p>
        <ul className="ml-5 list-disc">
          {from.map((entity) => (
            <li key={entity.id}>
              <bdi className="font-medium">{entity.name}</bdi>
              {entity.aliases.length > 0 && (
                <>
                  {" "}
                  and its aliases{" "}
                  {entity.aliases.map((alias, i) => (
                    <span key={alias}>
                      {i > 0 && ", "}
                      <bdi dir="auto">{alias}</bdi>
                    </span>
                  ))}
                </>
              )}
              {entity.aliases.length > 0 ? " become its aliases" : " becomes an alias"}
            </li>
          ))}
          <li>{plural(mentions, "mention", "mentions")}, which will count for it (the annotations are not changed)</li>
          {newIds.length > 0 && <li>external ids it lacks: {newIds.map(([key, id]) => `${key} ${id}`).join(", ")}</li>}
        </ul>
        <p className="text-slate-600">The merged entities stay as redirects to it; this cannot be undone from here.</p>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button variant="destructive" disabled={busy} aria-busy={busy || undefined} onClick={() => onMerge(target, from)}>
          <span>
            Merge {plural(from.length, "entity", "entities")} into <bdi>{target.name}</bdi>
          </span>
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </section>
  );
}
