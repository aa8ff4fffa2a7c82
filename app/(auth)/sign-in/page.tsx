import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackUrl } from "@/components/auth/safe-callback-url";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { sessionPrincipal } from "@/lib/api/session";
import { signupOpen } from "@/lib/auth/settings";

export const metadata: Metadata = { title: "Sign in · Tracewell" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await sessionPrincipal()) redirect(callbackUrl);
  // The text of ?error= is not echoed: a crafted link could otherwise put any words on this page.
  const initialError = params.error ? "Sign-in failed. Check your email and password and try again." : undefined;
  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold tracking-tight">Sign in</h1>
        <CardDescription>Use the email and password of your Tracewell account.</CardDescription>
      </CardHeader>
      <CardContent>
        <SignInForm callbackUrl={callbackUrl} initialError={initialError} signupOpen={signupOpen()} />
      </CardContent>
    </Card>
  );
}
