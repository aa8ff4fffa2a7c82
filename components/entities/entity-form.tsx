"use client";

import { useState } from "react";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextAreaField, TextField } from "@/components/forms/text-field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { EntityInput } from "./entities-api";
import { formFailure, type Failure } from "./form-failure";
import { TypeOptions } from "./type-names";

export interface EntityValues {
  name: string;
  type: string;
  /** One alias a line. */
  aliases: string;
  description: string;
  wikidata: string;
}

export const EMPTY_ENTITY: EntityValues = { name: "", type: "other", aliases: "", description: "", wikidata: "" };

/** "q42", "Q42" or a Wikidata page address → "Q42"; anything else is left for the API to refuse. */
function wikidataId(value: string): string {
  const trimmed = value.trim();
  const found = /(?:^|\/)(q[1-9][0-9]*)\/?$/i.exec(trimmed);
  return found ? found[1]!.toUpperCase() : trimmed;
}

/** The API's input; `otherIds` are external ids the form does not edit, kept as they were. */
export function entityInput(values: EntityValues, otherIds: Record<string, string> = {}): EntityInput {
  const wikidata = wikidataId(values.wikidata);
  return {
    name: values.name.trim(),
    type: values.type,
    aliases: values.aliases.split("\n").map((line) => line.trim()).filter(Boolean),
    description: values.description.trim(),
    externalIds: { ...otherIds, ...(wikidata ? { wikidata } : {}) },
  };
}

/** Name, type, aliases (one a line, any script), description and Wikidata id of an entity. */
export function EntityForm({
  idPrefix,
  initial = EMPTY_ENTITY,
  submitLabel,
  onSubmit,
  onCancel,
  resetOnSuccess = false,
}: {
  idPrefix: string;
  initial?: EntityValues;
  submitLabel: string;
  /** Throws the API's refusal; the form shows it. */
  onSubmit: (values: EntityValues) => Promise<void>;
  onCancel?: () => void;
  resetOnSuccess?: boolean;
}) {
  const [values, setValues] = useState(initial);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof EntityValues) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: event.target.value }));
  const id = (name: string) => `${idPrefix}-${name}`;
  const error = (name: string) => failure?.fields[name];

  return (
    <form
      aria-label={submitLabel}
      className="grid gap-4"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setFailure(null);
        try {
          await onSubmit(values);
          if (resetOnSuccess) setValues(EMPTY_ENTITY);
        } catch (err) {
          setFailure(formFailure(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <div className="grid gap-4 sm:grid-cols-[1fr_auto]">
        <TextField id={id("name")} label="Name" value={values.name} onChange={set("name")} error={error("name")} required maxLength={500} dir="auto" />
        <div className="grid content-start gap-1.5">
          <Label htmlFor={id("type")}>Type</Label>
          <Select id={id("type")} value={values.type} onChange={set("type")} aria-invalid={error("type") ? true : undefined}>
            <TypeOptions />
          </Select>
        </div>
      </div>
      <TextAreaField
        id={id("aliases")}
        label="Aliases"
        hint="One a line, in any script: other spellings, acronyms, the name in Arabic."
        value={values.aliases}
        onChange={set("aliases")}
        error={error("aliases")}
        rows={3}
        dir="auto"
      />
      <TextAreaField id={id("description")} label="Description" value={values.description} onChange={set("description")} error={error("description")} rows={2} maxLength={5000} />
      <TextField
        id={id("wikidata")}
        label="Wikidata id"
        hint="e.g. Q42, or the address of its Wikidata page"
        value={values.wikidata}
        onChange={set("wikidata")}
        error={error("wikidata")}
        className="max-w-xs"
        autoComplete="off"
      />
      {failure && <Alert variant="destructive">{failure.message}</Alert>}
      <div className="flex gap-2">
        <SubmitButton pending={busy}>{submitLabel}</SubmitButton>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
