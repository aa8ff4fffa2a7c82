"use client";

import { useEffect, useImperativeHandle, useRef, useState, type ReactNode, type Ref } from "react";
import { Button } from "@/components/ui/button";
import type { Outcome } from "./annotation-commands";

/** The panel's hold on an attribute form: save what is typed before the panel closes. */
export interface DraftHandle {
  /** Saves what is typed; while paused, only when `force`d (the user chose to). */
  flush(force?: boolean): Promise<Outcome>;
  /** Something typed here is not saved yet. */
  isDirty(): boolean;
}

/**
 * What the panel hands every attribute form for its frame. The panel, not the form, shows how a
 * save went: a save that ends in a conflict reloads the form (it is keyed by version), and one
 * that ends after the panel closed can only be told elsewhere.
 */
export interface FrameHooks {
  onOutcome?: (outcome: Outcome) => void;
  draftRef?: Ref<DraftHandle>;
  /** Someone else changed the annotation under this edit: no saving by itself until the user chooses. */
  paused?: boolean;
}

const PAUSED: Outcome = { ok: false, message: "Someone else changed this annotation: apply your edit on top of theirs, or discard it." };

/**
 * The attributes part of the side panel: a titled group with one Save button. An edit is never
 * dropped quietly: it saves on Enter, when focus leaves the form (a click on the text, another
 * annotation, Escape) and before the panel closes; leaving the page with it unsaved asks first.
 */
export function AttributeFormFrame({
  title,
  note,
  disabled,
  dirty,
  onSubmit,
  onOutcome,
  draftRef,
  paused = false,
  children,
}: {
  title: string;
  note?: string;
  disabled: boolean;
  dirty: boolean;
  /** Saves the fields, or refuses them with the reason (e.g. "Value must be a number"). */
  onSubmit: () => Promise<Outcome> | Outcome;
  onOutcome?: (outcome: Outcome) => void;
  draftRef?: Ref<DraftHandle>;
  paused?: boolean;
  children: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const mounted = useRef(true);
  const saving = useRef<Promise<Outcome> | null>(null);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // The browser's own question, while an edit here is unsaved.
  useEffect(() => {
    if (!dirty || disabled) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [dirty, disabled]);

  function save(): Promise<Outcome> {
    if (!dirty || disabled) return Promise.resolve({ ok: true });
    // A blur and a submit of the same edit (Enter, then a click away) save it once.
    saving.current ??= (async () => {
      if (mounted.current) setBusy(true);
      try {
        const outcome = await onSubmit();
        onOutcome?.(outcome);
        return outcome;
      } finally {
        saving.current = null;
        if (mounted.current) setBusy(false);
      }
    })();
    return saving.current;
  }

  useImperativeHandle(draftRef, () => ({
    flush: (force = false) => (paused && !force && dirty ? Promise.resolve(PAUSED) : save()),
    isDirty: () => dirty && !disabled,
  }));

  return (
    <form
      aria-label={`${title} attributes`}
      className="grid gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      onBlur={(event) => {
        if (!paused && !event.currentTarget.contains(event.relatedTarget as Node | null)) void save();
      }}
      onKeyDown={(event) => {
        // In the note (a textarea) Enter is a new line; Ctrl/Cmd+Enter saves.
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          void save();
        }
      }}
    >
      <fieldset className="grid gap-3" disabled={disabled}>
        <legend className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-600">{title} attributes</legend>
        {note && <p className="text-xs text-slate-600">{note}</p>}
        {children}
      </fieldset>
      {!disabled && (
        <div className="flex items-center gap-2">
          <Button type="submit" size="sm" disabled={busy || !dirty} aria-busy={busy || undefined}>
            Save attributes
          </Button>
          <span className="text-xs text-slate-600" aria-live="polite">
            {busy ? "Saving…" : dirty ? "Unsaved: saves when you leave the form or press Enter" : ""}
          </span>
        </div>
      )}
    </form>
  );
}
