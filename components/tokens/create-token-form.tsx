"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import type { FormState } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { TokenScopeField } from "./token-scope-field";
import { TokenSecret } from "./token-secret";

export type CreateTokenState = FormState & { secret?: string; name?: string };

// Mirrors TOKEN_DEFAULT_DAYS / TOKEN_MAX_DAYS (lib/tokens/create-token.ts, which the server enforces).
const DEFAULT_DAYS = 90;
const MAX_DAYS = 365;
type Action = (previous: CreateTokenState, formData: FormData) => Promise<CreateTokenState>;

export function CreateTokenForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const errors = state.fieldErrors ?? {};
  const failed = state.status === "error";
  return (
    <div className="grid gap-4">
      <form action={formAction} className="flex flex-wrap items-start gap-3">
        <TextField
          id="token-name"
          name="name"
          label="Token name"
          placeholder="e.g. export script"
          required
          maxLength={100}
          className="w-full max-w-xs"
          defaultValue={failed ? state.values?.name : undefined}
          error={errors.name}
        />
        <TextField
          id="token-expiry"
          name="expiresInDays"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_DAYS}
          required
          label="Expires in (days)"
          hint={`1 to ${MAX_DAYS} days.`}
          className="w-48"
          defaultValue={failed ? state.values?.expiresInDays : DEFAULT_DAYS}
          error={errors.expiresInDays}
        />
        <TokenScopeField defaultValue={failed ? state.values?.scope : undefined} error={errors.scope} />
        <SubmitButton className="mt-6">Create token</SubmitButton>
      </form>
      {failed && <FormMessage state={state} />}
      {state.secret && state.name && <TokenSecret name={state.name} secret={state.secret} />}
    </div>
  );
}
