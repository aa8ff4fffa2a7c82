"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { IDLE, type FormState } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import type { Role } from "@/lib/db/generated/enums";
import { RoleSelect } from "./role-select";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

export function MemberRoleForm({ action, userId, email, role }: { action: Action; userId: string; email: string; role: Role }) {
  const [state, formAction] = useActionState(action, IDLE);
  const id = `role-${userId}`;
  return (
    <div className="grid gap-2">
      {/* The key re-mounts the select when the saved role changes, so it shows what the server has. */}
      <form key={role} action={formAction} className="flex items-center gap-2">
        <input type="hidden" name="userId" value={userId} />
        <label htmlFor={id} className="sr-only">
          Role for {email}
        </label>
        <RoleSelect id={id} defaultValue={role} className="h-8" />
        <SubmitButton variant="outline" size="sm">
          Save<span className="sr-only"> role for {email}</span>
        </SubmitButton>
      </form>
      <FormMessage state={state} className="max-w-xs px-3 py-2 text-xs" />
    </div>
  );
}
