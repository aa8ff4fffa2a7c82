import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SignOutEverywhereForm } from "@/components/account/sign-out-everywhere-form";
import { PageHeader } from "@/components/app-shell/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/api/session";
import { MIN_PASSWORD_LENGTH } from "@/lib/users/password-policy";
import { changePasswordAction, signOutEverywhereAction } from "./actions";

export const metadata: Metadata = { title: "Account · Tracewell" };

export default async function AccountPage() {
  const principal = await requireUser();
  return (
    <>
      <PageHeader title="Account" description={`Signed in as ${principal.email}.`} />
      <div className="grid gap-8">
        <Card aria-labelledby="password-title">
          <CardHeader>
            <CardTitle id="password-title">Change password</CardTitle>
            <CardDescription>
              Changing your password signs you out everywhere, here included. Access tokens keep working.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ChangePasswordForm action={changePasswordAction} minPasswordLength={MIN_PASSWORD_LENGTH} />
          </CardContent>
        </Card>
        <Card aria-labelledby="sessions-title">
          <CardHeader>
            <CardTitle id="sessions-title">Sign out everywhere</CardTitle>
            <CardDescription>
              Ends every session of your account, in every browser, this one included. Access tokens keep working;
              revoke them under Access tokens.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <SignOutEverywhereForm action={signOutEverywhereAction} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
