"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, useTransition, type FormEvent } from "react";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { Alert } from "@/components/ui/alert";

// next-auth's own codes, for failures that did not come with our message.
const NEXT_AUTH_ERRORS: Record<string, string> = {
  CredentialsSignin: "Wrong email or password",
  Default: "Could not sign in. Try again.",
};

interface SignInFormProps {
  callbackUrl: string;
  initialError?: string;
  /** TRACEWELL_SIGNUP: with sign-up closed there is nothing to link to. */
  signupOpen: boolean;
}

export function SignInForm({ callbackUrl, initialError, signupOpen }: SignInFormProps) {
  const router = useRouter();
  const [error, setError] = useState(initialError);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(undefined);
    startTransition(async () => {
      const result = await signIn("credentials", {
        redirect: false,
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
      });
      if (!result?.ok || result.error) {
        const code = result?.error ?? "Default";
        setError(NEXT_AUTH_ERRORS[code] ?? code);
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      {error && <Alert variant="destructive">{error}</Alert>}
      <TextField id="email" name="email" type="email" label="Email" autoComplete="email" required autoFocus />
      <TextField id="password" name="password" type="password" label="Password" autoComplete="current-password" required />
      <SubmitButton pending={pending} className="w-full">
        Sign in
      </SubmitButton>
      {signupOpen && (
        <p className="text-center text-sm text-slate-600">
          No account yet?{" "}
          <Link href="/sign-up" className="font-medium text-slate-900 underline underline-offset-4">
            Create one
          </Link>
        </p>
      )}
    </form>
  );
}
