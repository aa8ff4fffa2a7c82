"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formError, formValues } from "@/components/forms/form-error";
import type { FormState } from "@/components/forms/form-state";
import { clientAddress } from "@/lib/auth/client-address";
import { requireUser } from "@/lib/api/session";
import { changePassword } from "@/lib/users/change-password";
import { endAllSessions } from "@/lib/users/end-all-sessions";

// Both end this session too, so success leads back to the sign-in page.

export async function changePasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const principal = await requireUser();
  try {
    const { currentPassword = "", newPassword = "" } = formValues(formData, ["currentPassword", "newPassword"]);
    await changePassword({ userId: principal.userId, currentPassword, newPassword, ip: clientAddress(await headers()) });
  } catch (err) {
    return formError(err);
  }
  redirect("/sign-in");
}

export async function signOutEverywhereAction(): Promise<FormState> {
  const principal = await requireUser();
  try {
    await endAllSessions({ userId: principal.userId });
  } catch (err) {
    return formError(err);
  }
  redirect("/sign-in");
}
