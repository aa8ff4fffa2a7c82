"use server";

import { headers } from "next/headers";
import { formError, formValues } from "@/components/forms/form-error";
import type { FormState } from "@/components/forms/form-state";
import { clientAddress } from "@/lib/auth/client-address";
import { signUp } from "@/lib/users/sign-up";

/** Creates the account (if sign-up is open and the address is under its limit); the browser then signs in. */
export async function signUpAction(formData: FormData): Promise<FormState> {
  let values: Record<string, string> = {};
  try {
    values = formValues(formData, ["name", "email"]);
    await signUp({ input: formValues(formData, ["name", "email", "password"]), ip: clientAddress(await headers()) });
    return { status: "ok" };
  } catch (err) {
    return formError(err, values);
  }
}
