import type { Metadata } from "next";
import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { sessionPrincipal } from "@/lib/api/session";

export const metadata: Metadata = { title: "Sign out · Tracewell" };

export default async function SignOutPage() {
  const principal = await sessionPrincipal();
  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold tracking-tight">Sign out</h1>
        <CardDescription>
          {principal ? `You are signed in as ${principal.email}.` : "You are not signed in."}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex items-center gap-3">
        {principal ? (
          <>
            <SignOutButton variant="default" size="default" />
            <Link href="/projects" className="text-sm font-medium text-slate-700 underline underline-offset-4">
              Back to projects
            </Link>
          </>
        ) : (
          <Link href="/sign-in" className="text-sm font-medium text-slate-900 underline underline-offset-4">
            Sign in
          </Link>
        )}
      </CardContent>
    </Card>
  );
}
