"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formError, formValues } from "@/components/forms/form-error";
import type { FormState } from "@/components/forms/form-state";
import type { CreateTokenState } from "@/components/tokens/create-token-form";
import { requireUser } from "@/lib/api/session";
import { ZCreateToken, createToken } from "@/lib/tokens/create-token";
import { revokeToken } from "@/lib/tokens/revoke-token";

// The form sends text; an empty expiry takes the default (90 days). The limits are the service's.
const ZCreateTokenForm = ZCreateToken.extend({
  expiresInDays: z.preprocess(
    (value) => (value === "" || value === undefined ? undefined : Number(value)),
    ZCreateToken.shape.expiresInDays,
  ),
});

export async function createTokenAction(_previous: CreateTokenState, formData: FormData): Promise<CreateTokenState> {
  const principal = await requireUser();
  let values: Record<string, string> = {};
  try {
    values = formValues(formData, ["name", "expiresInDays", "scope"]);
    const { token, secret } = await createToken({ userId: principal.userId, input: ZCreateTokenForm.parse(values) });
    revalidatePath("/settings/tokens");
    return { status: "ok", name: token.name, secret };
  } catch (err) {
    return formError(err, values);
  }
}

export async function revokeTokenAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const principal = await requireUser();
  let values: Record<string, string> = {};
  try {
    values = formValues(formData, ["tokenId"]);
    const { tokenId } = z.object({ tokenId: z.string().min(1) }).parse(values);
    await revokeToken({ userId: principal.userId, tokenId });
  } catch (err) {
    return formError(err, values);
  }
  revalidatePath("/settings/tokens");
  return { status: "ok", message: "Token revoked." };
}
