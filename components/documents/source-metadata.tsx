"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { FormattedDate } from "@/components/format-date";
import { FormMessage } from "@/components/forms/form-message";
import { IDLE, type FormState } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";

export interface SourceMetadataValues {
  title: string;
  author: string | null;
  publisher: string | null;
  publishedOn: string | null;
  sourceUrl: string | null;
  retrievedOn: string | null;
  language: string | null;
  direction: string | null;
}

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

const DIRECTIONS: Record<string, string> = {
  auto: "Automatic, per paragraph",
  ltr: "Left to right",
  rtl: "Right to left",
};

function Missing() {
  return <span className="text-slate-600">—</span>;
}

function MetadataList({ values }: { values: SourceMetadataValues }) {
  const rows: [string, React.ReactNode][] = [
    ["Author", values.author],
    ["Publisher", values.publisher],
    ["Published", values.publishedOn && <FormattedDate iso={values.publishedOn} />],
    [
      "Source URL",
      values.sourceUrl && (
        <a
          href={values.sourceUrl}
          target="_blank"
          rel="noopener noreferrer"
          className="break-all text-slate-900 underline underline-offset-2 hover:text-slate-700"
        >
          {values.sourceUrl}
        </a>
      ),
    ],
    ["Retrieved", values.retrievedOn && <FormattedDate iso={values.retrievedOn} />],
    ["Language", values.language && <span className="font-mono text-xs">{values.language}</span>],
    ["Text direction", values.direction ? (DIRECTIONS[values.direction] ?? values.direction) : null],
  ];
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm" data-testid="source-metadata">
      {rows.map(([term, value]) => (
        <div key={term} className="col-span-2 grid grid-cols-subgrid">
          <dt className="text-slate-600">{term}</dt>
          <dd className="text-slate-900">{value || <Missing />}</dd>
        </div>
      ))}
    </dl>
  );
}

function MetadataForm({ values, state, formAction, onCancel }: { values: SourceMetadataValues; state: FormState; formAction: (formData: FormData) => void; onCancel: () => void }) {
  const errors = state.fieldErrors ?? {};
  const shown = (name: keyof SourceMetadataValues) => (state.status === "error" ? state.values?.[name] : undefined) ?? values[name] ?? "";
  return (
    <form action={formAction} className="grid gap-4" aria-label="Edit source metadata">
      <TextField id="meta-title" name="title" label="Title" required maxLength={500} defaultValue={shown("title")} error={errors.title} autoFocus />
      <TextField id="meta-author" name="author" label="Author" maxLength={500} defaultValue={shown("author")} error={errors.author} />
      <TextField id="meta-publisher" name="publisher" label="Publisher" maxLength={500} defaultValue={shown("publisher")} error={errors.publisher} />
      <TextField id="meta-published" name="publishedOn" type="date" label="Published" defaultValue={shown("publishedOn")} error={errors.publishedOn} />
      <TextField id="meta-retrieved" name="retrievedOn" type="date" label="Retrieved" defaultValue={shown("retrievedOn")} error={errors.retrievedOn} />
      <TextField
        id="meta-url"
        name="sourceUrl"
        type="url"
        label="Source URL"
        placeholder="https://…"
        maxLength={2000}
        defaultValue={shown("sourceUrl")}
        error={errors.sourceUrl}
      />
      <TextField
        id="meta-language"
        name="language"
        label="Language"
        hint="A tag like en, ar, ps or fa-AF"
        maxLength={35}
        defaultValue={shown("language")}
        error={errors.language}
      />
      <div className="grid content-start gap-1.5">
        <Label htmlFor="meta-direction">Text direction</Label>
        <Select id="meta-direction" name="direction" defaultValue={shown("direction")} className="w-full">
          <option value="">Not set</option>
          {Object.entries(DIRECTIONS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </div>
      {state.status === "error" && <FormMessage state={state} />}
      <div className="flex gap-2">
        <SubmitButton>Save metadata</SubmitButton>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** Source metadata, with an edit form for members who may change it (every change is audited). */
export function SourceMetadata({ values, action }: { values: SourceMetadataValues; action?: Action }) {
  const [state, formAction] = useActionState(action ?? (async () => IDLE), IDLE);
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  useEffect(() => {
    if (state.status === "ok") setEditing(false);
  }, [state]);
  useEffect(() => {
    if (!editing && wasEditing.current) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  if (editing && action) return <MetadataForm values={values} state={state} formAction={formAction} onCancel={() => setEditing(false)} />;
  return (
    <div className="grid gap-4">
      <MetadataList values={values} />
      {state.status === "ok" && <FormMessage state={state} />}
      {action && (
        <Button ref={editButton} variant="outline" size="sm" className="justify-self-start" onClick={() => setEditing(true)}>
          Edit metadata
        </Button>
      )}
    </div>
  );
}
