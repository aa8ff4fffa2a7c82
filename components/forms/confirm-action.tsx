"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "./form-message";
import { IDLE, type FormState } from "./form-state";
import { SubmitButton } from "./submit-button";

interface ConfirmActionProps {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  /** Hidden fields sent with the confirmation. */
  fields: Record<string, string>;
  /** Visible trigger text, e.g. "Remove"; `subject` is appended for screen readers. */
  label: string;
  subject: string;
  prompt: string;
  confirmLabel: string;
}

/** A destructive action in two steps: the trigger asks, the confirmation submits. */
export function ConfirmAction({ action, fields, label, subject, prompt, confirmLabel }: ConfirmActionProps) {
  const [state, formAction] = useActionState(action, IDLE);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) triggerRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  return (
    <div className="grid justify-items-end gap-2">
      {confirming ? (
        <form action={formAction} className="flex flex-wrap items-center justify-end gap-2">
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <span className="text-sm font-medium text-slate-800">{prompt}</span>
          <SubmitButton ref={confirmRef} variant="destructive" size="sm">
            {confirmLabel}
          </SubmitButton>
          <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </form>
      ) : (
        <Button ref={triggerRef} variant="outline" size="sm" onClick={() => setConfirming(true)}>
          {label}
          <span className="sr-only"> {subject}</span>
        </Button>
      )}
      {state.status === "error" && <FormMessage state={state} className="max-w-md text-left" />}
    </div>
  );
}
