"use client";

import { useState } from "react";
import { TextField, TextAreaField } from "@/components/forms/text-field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Alert } from "@/components/ui/alert";
import { RESERVED_KEYS } from "@/components/editor/reader-keys";
import type { LabelInput } from "./labels-api";

export const LABEL_KINDS = [
  ["claim", "Claim — a statement attributed to a source"],
  ["entity", "Entity — a person, group, place or event"],
  ["figure", "Figure — a number with qualifier and unit"],
  ["other", "Other — free attributes"],
] as const;

const EMPTY: LabelInput = { name: "", kind: "claim", color: "#7c3aed", hotkey: null, description: "" };

/** Checks the browser can do before the API does the rest (uniqueness, 409). */
function localError(input: LabelInput): string | null {
  if (!input.name.trim()) return "Give the label a name.";
  if (!/^#[0-9a-fA-F]{6}$/.test(input.color)) return "Use a colour like #2563eb.";
  if (input.hotkey && [...input.hotkey].length !== 1) return "A hotkey is a single character.";
  if (input.hotkey && (RESERVED_KEYS as readonly string[]).includes(input.hotkey)) {
    return `${input.hotkey} is taken by the reader (${RESERVED_KEYS.join(" ")}); choose another key.`;
  }
  return null;
}

/** Add or edit a label: name, kind, colour, hotkey, description. */
export function LabelForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  idPrefix,
}: {
  initial?: LabelInput;
  submitLabel: string;
  onSubmit: (input: LabelInput) => Promise<string | null>;
  onCancel?: () => void;
  idPrefix: string;
}) {
  const [values, setValues] = useState<LabelInput>(initial ?? EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof LabelInput>(key: K, value: LabelInput[K]) => setValues((v) => ({ ...v, [key]: value }));
  const id = (name: string) => `${idPrefix}-${name}`;

  return (
    <form
      aria-label={submitLabel}
      className="grid gap-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const input: LabelInput = {
          name: values.name.trim(),
          kind: values.kind,
          color: values.color.trim(),
          hotkey: values.hotkey?.trim() || null,
          description: values.description.trim(),
        };
        const problem = localError(input);
        if (problem) return setError(problem);
        setBusy(true);
        const failure = await onSubmit(input);
        setBusy(false);
        setError(failure);
        if (!failure && !initial) setValues(EMPTY);
      }}
    >
      <TextField id={id("name")} label="Name" value={values.name} onChange={(e) => set("name", e.target.value)} required maxLength={100} />
      <div className="grid gap-1.5">
        <Label htmlFor={id("kind")}>Kind</Label>
        <Select id={id("kind")} value={values.kind} onChange={(e) => set("kind", e.target.value)} className="w-full">
          {LABEL_KINDS.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid grid-cols-2 gap-3">
        <div className="grid gap-1.5">
          <Label htmlFor={id("color")}>Colour</Label>
          <div className="flex items-center gap-2">
            <input
              type="color"
              aria-label="Pick a colour"
              value={/^#[0-9a-fA-F]{6}$/.test(values.color) ? values.color : "#000000"}
              onChange={(e) => set("color", e.target.value)}
              className="h-9 w-10 shrink-0 cursor-pointer rounded border border-slate-300 bg-white p-0.5"
            />
            <Input id={id("color")} value={values.color} onChange={(e) => set("color", e.target.value)} className="font-mono" maxLength={7} />
          </div>
        </div>
        <TextField
          id={id("hotkey")}
          label="Hotkey"
          hint="One key, e.g. 4"
          value={values.hotkey ?? ""}
          onChange={(e) => set("hotkey", e.target.value)}
          maxLength={2}
          className="font-mono"
        />
      </div>
      <TextAreaField id={id("description")} label="Description" value={values.description} onChange={(e) => set("description", e.target.value)} rows={2} maxLength={2000} />
      {error && <Alert variant="destructive">{error}</Alert>}
      <div className="flex gap-2">
        <Button type="submit" disabled={busy} aria-busy={busy || undefined}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
