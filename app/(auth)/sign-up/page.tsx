import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { sessionPrincipal } from "@/lib/api/session";
import { signupOpen } from "@/lib/auth/settings";
import { MIN_PASSWORD_LENGTH } from "@/lib/users/password-policy";
import { signUpAction } from "./actions";

export const metadata: Metadata = { title: "Create an account · Tracewell" };
// TRACEWELL_SIGNUP is read when the page is requested, not when it is built.
export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  if (await sessionPrincipal()) redirect("/projects");
  const open = signupOpen();
  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold tracking-tight">Create an account</h1>
        <CardDescription>
          {open
            ? "Project owners add you to their projects by this email address."
            : "Sign-up is closed on this instance. Ask an administrator to create an account for you."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {open ? (
          <SignUpForm signUp={signUpAction} minPasswordLength={MIN_PASSWORD_LENGTH} />
        ) : (
          <Link href="/sign-in" className="text-sm font-medium text-slate-900 underline underline-offset-4">
            Sign in
          </Link>
        )}
      </CardContent>
    </Card>
  );
}
