"use client";

import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** The attributes part of the side panel: a titled group with one Save button. */
export function AttributeFormFrame({
  title,
  note,
  disabled,
  dirty,
  error,
  onSubmit,
  children,
}: {
  title: string;
  note?: string;
  disabled: boolean;
  dirty: boolean;
  error?: string | null;
  onSubmit: () => Promise<boolean> | boolean;
  children: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <form
      aria-label={`${title} attributes`}
      className="grid gap-3"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        try {
          await onSubmit();
        } finally {
          setBusy(false);
        }
      }}
    >
      <fieldset className="grid gap-3" disabled={disabled}>
        <legend className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-600">{title} attributes</legend>
        {note && <p className="text-xs text-slate-600">{note}</p>}
        {children}
      </fieldset>
      {error && (
        <p role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
      {!disabled && (
        <div>
          <Button type="submit" size="sm" disabled={busy || !dirty} aria-busy={busy || undefined}>
            Save attributes
          </Button>
        </div>
      )}
    </form>
  );
}
