"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import type { FormState } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

/** On success the server action redirects to sign-in: the change ended this session too. */
export function ChangePasswordForm({ action, minPasswordLength }: { action: Action; minPasswordLength: number }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="grid max-w-sm gap-4">
      <FormMessage state={state} />
      <TextField
        id="current-password"
        name="currentPassword"
        type="password"
        label="Current password"
        autoComplete="current-password"
        required
        error={errors.currentPassword}
      />
      <TextField
        id="new-password"
        name="newPassword"
        type="password"
        label="New password"
        autoComplete="new-password"
        required
        minLength={minPasswordLength}
        hint={`At least ${minPasswordLength} characters, not your email address.`}
        error={errors.newPassword}
      />
      <SubmitButton className="justify-self-start">Change password</SubmitButton>
    </form>
  );
}
