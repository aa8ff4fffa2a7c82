"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { IDLE, type FormState } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextAreaField, TextField } from "@/components/forms/text-field";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

export function NewProjectForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, IDLE);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="grid gap-4">
      <FormMessage state={state} />
      <TextField
        id="project-name"
        name="name"
        label="Project name"
        required
        maxLength={200}
        defaultValue={state.values?.name}
        error={errors.name}
      />
      <TextAreaField
        id="project-description"
        name="description"
        label="Description"
        hint="Optional. What is annotated here, and why."
        rows={3}
        maxLength={5000}
        defaultValue={state.values?.description}
        error={errors.description}
      />
      <SubmitButton className="justify-self-start">Create project</SubmitButton>
    </form>
  );
}
