import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { sessionPrincipal } from "@/lib/auth/session";
import { signUpAction } from "./actions";

export const metadata: Metadata = { title: "Create an account · Tracewell" };

export default async function SignUpPage() {
  if (await sessionPrincipal()) redirect("/projects");
  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold tracking-tight">Create an account</h1>
        <CardDescription>Project owners add you to their projects by this email address.</CardDescription>
      </CardHeader>
      <CardContent>
        <SignUpForm signUp={signUpAction} minPasswordLength={MIN_PASSWORD_LENGTH} />
      </CardContent>
    </Card>
  );
}
