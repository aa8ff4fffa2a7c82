"use server";

import { formError, formValues } from "@/components/forms/form-error";
import type { FormState } from "@/components/forms/form-state";
import { ZSignUp } from "@/lib/users/schemas";
import { createUser } from "@/lib/users/create-user";

/** Creates the account; the browser then signs in with the same credentials. */
export async function signUpAction(formData: FormData): Promise<FormState> {
  const values = formValues(formData, ["name", "email"]);
  try {
    const input = ZSignUp.parse(formValues(formData, ["name", "email", "password"]));
    await createUser({ ...input, via: "sign-up" });
    return { status: "ok" };
  } catch (err) {
    return formError(err, values);
  }
}
