"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formError, formValues } from "@/components/forms/form-error";
import type { FormState } from "@/components/forms/form-state";
import { gateDocument } from "@/lib/auth/gate";
import { requireUser } from "@/lib/api/session";
import { deleteDocument } from "@/lib/documents/delete-document";
import { updateDocument } from "@/lib/documents/update-document";

const FIELDS = ["title", "author", "publisher", "publishedOn", "sourceUrl", "retrievedOn", "language", "direction"] as const;

export async function updateMetadataAction(projectId: string, documentId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const principal = await requireUser();
  let values: Record<string, string> = {};
  try {
    values = formValues(formData, FIELDS);
    // As on the page: a document is reachable only under its own project's URL.
    await gateDocument({ principal, projectId, documentId, action: "document.update" });
    // An empty field clears it; the direction select's empty choice means "not set".
    const input = { ...values, direction: values.direction || null };
    await updateDocument({ actorId: principal.userId, documentId, input });
  } catch (err) {
    return formError(err, values);
  }
  revalidatePath(`/projects/${projectId}/documents/${documentId}`);
  revalidatePath(`/projects/${projectId}/documents`);
  return { status: "ok", message: "Metadata saved." };
}

export async function deleteDocumentAction(projectId: string, documentId: string, _previous: FormState, _formData: FormData): Promise<FormState> {
  const principal = await requireUser();
  try {
    await gateDocument({ principal, projectId, documentId, action: "document.delete" });
    await deleteDocument({ actorId: principal.userId, documentId });
  } catch (err) {
    return formError(err);
  }
  revalidatePath(`/projects/${projectId}/documents`);
  revalidatePath(`/projects/${projectId}`);
  redirect(`/projects/${projectId}/documents`);
}
