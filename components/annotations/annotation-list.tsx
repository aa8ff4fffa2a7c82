"use client";

import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ChoiceField } from "./attribute-fields";
import { LabelSwatch } from "./label-swatch";
import { STATUSES, type Annotation, type LabelInfo } from "./types";
import { Avatar } from "@/components/live/avatar";

/** Review status by shape and word, not colour alone: ○ pending, ✓ accepted, ✗ rejected (struck through). */
const STATUS_LOOK = {
  pending: { icon: "○", className: "text-slate-600" },
  accepted: { icon: "✓", className: "font-medium text-emerald-800" },
  rejected: { icon: "✗", className: "font-medium text-red-800" },
} as const;

/** A row changed by someone else within this long is marked. */
const FRESH_MS = 2000;

/** Rendered at a time: 10,000 buttons would cost more than the highlights themselves. */
const PAGE = 100;

function shorten(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** Every annotation of the document, filterable by label, author and status. */
export function AnnotationList({
  annotations,
  labels,
  selectedId,
  onChoose,
  changedBy,
}: {
  annotations: readonly Annotation[];
  labels: readonly LabelInfo[];
  selectedId: string | null;
  onChoose: (id: string) => void;
  /** Who else made the version shown (live): their rows flash and name who changed them. */
  changedBy?: (id: string) => { actor: { name: string }; at: number } | undefined;
}) {
  const [label, setLabel] = useState("");
  const [author, setAuthor] = useState("");
  const [status, setStatus] = useState("");
  const [shown, setShown] = useState(PAGE);

  const authors = useMemo(() => {
    const byId = new Map<string, string>();
    for (const a of annotations) byId.set(a.author.id, a.author.name || a.author.email);
    return [...byId].sort((a, b) => a[1].localeCompare(b[1]));
  }, [annotations]);
  const matching = useMemo(
    () => annotations.filter((a) => (!label || a.label.id === label) && (!author || a.author.id === author) && (!status || a.status === status)),
    [annotations, label, author, status],
  );
  const filtered = Boolean(label || author || status);

  return (
    <section aria-labelledby="annotation-list-title" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex items-baseline justify-between gap-2">
        <h3 id="annotation-list-title" className="text-sm font-semibold text-slate-900">
          Annotations
        </h3>
        <p className="text-xs text-slate-600" aria-live="polite" data-testid="annotation-count">
          {filtered ? `${matching.length} of ${annotations.length}` : annotations.length}
        </p>
      </div>
      <div className="grid grid-cols-3 gap-2">
        <ChoiceField id="filter-label" label="Label" value={label} empty="All" options={labels.map((l) => [l.id, l.name] as const)} onChange={setLabel} />
        <ChoiceField id="filter-author" label="Author" value={author} empty="All" options={authors} onChange={setAuthor} />
        <ChoiceField id="filter-status" label="Status" value={status} empty="All" options={STATUSES} onChange={setStatus} />
      </div>
      {matching.length === 0 ? (
        <p className="text-sm text-slate-600">{annotations.length === 0 ? "No annotations yet. Select text and press a label's key." : "None match these filters."}</p>
      ) : (
        <ul aria-label="Annotations of this document" className="-mx-1 grid max-h-[28rem] gap-0.5 overflow-y-auto px-1 py-0.5">
          {matching.slice(0, shown).map((a) => {
            const change = changedBy?.(a.id);
            const fresh = change && Date.now() - change.at < FRESH_MS;
            return (
            <li key={a.id} data-annotation-row={a.id}>
              <button
                type="button"
                aria-current={a.id === selectedId ? "true" : undefined}
                className={cn(
                  "grid w-full gap-0.5 rounded-md px-2 py-1.5 text-left text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-slate-900",
                  a.id === selectedId && "bg-slate-100 ring-1 ring-slate-300",
                  fresh && "tw-remote-flash",
                )}
                title={change ? `Changed by ${change.actor.name}` : undefined}
                onClick={() => onChoose(a.id)}
              >
                <span className="flex items-center gap-1.5 text-xs text-slate-600">
                  <Avatar user={{ id: a.author.id, name: a.author.name || a.author.email }} className="size-4 text-[0.5rem]" />
                  <LabelSwatch color={a.label.color} className="size-2.5" />
                  <span className="font-medium text-slate-800">{a.label.name}</span>
                  <span aria-hidden>·</span>
                  <span className="truncate">{a.author.name || a.author.email}</span>
                  <span aria-hidden>·</span>
                  <span data-status={a.status} className={STATUS_LOOK[a.status].className}>
                    <span aria-hidden>{STATUS_LOOK[a.status].icon} </span>
                    {a.status}
                  </span>
                </span>
                <bdi dir="auto" className={cn("block text-slate-900 [overflow-wrap:anywhere]", a.status === "rejected" && "text-slate-600 line-through")}>
                  {shorten(a.exact)}
                </bdi>
              </button>
            </li>
            );
          })}
        </ul>
      )}
      {matching.length > shown && (
        <Button variant="outline" size="sm" onClick={() => setShown((n) => n + PAGE)}>
          Show {Math.min(PAGE, matching.length - shown)} more of {matching.length - shown}
        </Button>
      )}
    </section>
  );
}
