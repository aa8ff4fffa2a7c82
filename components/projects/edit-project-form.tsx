"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { IDLE, type FormState } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextAreaField, TextField } from "@/components/forms/text-field";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

export function EditProjectForm({ action, name, description }: { action: Action; name: string; description: string }) {
  const [state, formAction] = useActionState(action, IDLE);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="grid gap-4">
      <TextField
        id="edit-project-name"
        name="name"
        label="Project name"
        required
        maxLength={200}
        defaultValue={state.values?.name ?? name}
        error={errors.name}
      />
      <TextAreaField
        id="edit-project-description"
        name="description"
        label="Description"
        rows={4}
        maxLength={5000}
        defaultValue={state.values?.description ?? description}
        error={errors.description}
      />
      <FormMessage state={state} />
      <SubmitButton className="justify-self-start">Save details</SubmitButton>
    </form>
  );
}
