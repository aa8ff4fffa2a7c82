"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { IDLE, type FormState } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { Label } from "@/components/ui/label";
import { RoleSelect } from "./role-select";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

export function AddMemberForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, IDLE);
  const errors = state.fieldErrors ?? {};
  const failed = state.status === "error";
  return (
    <form action={formAction} className="grid gap-3" aria-labelledby="add-member-title">
      <h3 id="add-member-title" className="text-sm font-semibold text-slate-900">
        Add a member
      </h3>
      <div className="flex flex-wrap items-start gap-3">
        <TextField
          id="member-email"
          name="email"
          type="email"
          label="Email"
          placeholder="colleague@example.org"
          required
          className="w-full max-w-sm"
          defaultValue={failed ? state.values?.email : undefined}
          error={errors.email}
        />
        <div className="grid gap-1.5">
          <Label htmlFor="member-role">Role</Label>
          <RoleSelect id="member-role" defaultValue={(failed && state.values?.role) || "annotator"} />
        </div>
        <SubmitButton className="mt-6">Add member</SubmitButton>
      </div>
      <p className="text-xs text-slate-600">They need a Tracewell account first; they can create one on the sign-up page.</p>
      <FormMessage state={state} />
    </form>
  );
}
