"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, useTransition, type FormEvent } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { IDLE, type FormState } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";

interface SignUpFormProps {
  signUp: (formData: FormData) => Promise<FormState>;
  minPasswordLength: number;
}

/** Creates the account on the server, then signs in with the same credentials in the browser. */
export function SignUpForm({ signUp, minPasswordLength }: SignUpFormProps) {
  const router = useRouter();
  const [state, setState] = useState<FormState>(IDLE);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const created = await signUp(form);
      if (created.status === "error") {
        setState(created);
        return;
      }
      const result = await signIn("credentials", {
        redirect: false,
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
      });
      if (!result?.ok || result.error) {
        setState({ status: "error", message: `Your account was created, but signing in failed: ${result?.error ?? "unknown error"}` });
        return;
      }
      router.replace("/projects");
      router.refresh();
    });
  }

  const errors = state.fieldErrors ?? {};
  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      <TextField id="name" name="name" label="Name" autoComplete="name" required error={errors.name} />
      <TextField id="email" name="email" type="email" label="Email" autoComplete="email" required error={errors.email} />
      <TextField
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="new-password"
        required
        minLength={minPasswordLength}
        hint={`At least ${minPasswordLength} characters.`}
        error={errors.password}
      />
      <SubmitButton pending={pending} className="w-full">
        Create account
      </SubmitButton>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-slate-900 underline underline-offset-4">
          Sign in
        </Link>
      </p>
    </form>
  );
}
