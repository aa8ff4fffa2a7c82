"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import type { FormState } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextAreaField, TextField } from "@/components/forms/text-field";
import { Alert } from "@/components/ui/alert";

export type PasteState = FormState & { outcome?: "created" | "duplicate"; document?: { id: string; title: string } };
type Action = (previous: PasteState, formData: FormData) => Promise<PasteState>;

/** Server actions accept 1 MB bodies; a longer text belongs in a file upload. */
const MAX_PASTE_BYTES = 900_000;

export function PasteTextForm({ action, projectId }: { action: Action; projectId: string }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const [tooLong, setTooLong] = useState(false);
  const errors = state.fieldErrors ?? {};
  const doc = state.document;
  const link = doc && (
    <Link href={`/projects/${projectId}/documents/${doc.id}`} className="font-medium underline underline-offset-2">
      {doc.title}
    </Link>
  );
  return (
    <form
      action={formAction}
      // The key resets the fields after a document was created.
      key={state.outcome === "created" ? doc?.id : "form"}
      className="grid gap-4"
      onSubmit={(event) => {
        const text = new FormData(event.currentTarget).get("text");
        const over = typeof text === "string" && new TextEncoder().encode(text).length > MAX_PASTE_BYTES;
        setTooLong(over);
        if (over) event.preventDefault();
      }}
    >
      <TextField
        id="paste-title"
        name="title"
        label="Title"
        required
        maxLength={500}
        defaultValue={state.values?.title}
        error={errors.title}
      />
      <TextAreaField
        id="paste-text"
        name="text"
        label="Text"
        hint="Kept exactly as pasted; only Windows line endings become plain line breaks."
        required
        rows={6}
        className="[&_textarea]:font-mono [&_textarea]:text-xs"
        defaultValue={state.values?.text}
        error={errors.text ?? (tooLong ? "Pasted text is limited to about 900 KB; upload a longer text as a file" : undefined)}
      />
      {state.status === "error" && <FormMessage state={state} />}
      {state.outcome === "created" && <Alert variant="success">Created {link}.</Alert>}
      {state.outcome === "duplicate" && <Alert variant="warning">This text is already in this project as {link}.</Alert>}
      <SubmitButton className="justify-self-start">Add text</SubmitButton>
    </form>
  );
}
