"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import type { FormState } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";

type Action = () => Promise<FormState>;

export function SignOutEverywhereForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} className="grid gap-4">
      <FormMessage state={state} />
      <SubmitButton variant="outline" className="justify-self-start">
        Sign out everywhere
      </SubmitButton>
    </form>
  );
}
