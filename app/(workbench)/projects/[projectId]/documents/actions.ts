"use server";

import { revalidatePath } from "next/cache";
import { formError, formValues } from "@/components/forms/form-error";
import type { PasteState } from "@/components/documents/paste-text-form";
import { gateProject } from "@/lib/auth/gate";
import { requireUser } from "@/lib/api/session";
import { createPastedDocument } from "@/lib/documents/upload-documents";

export async function pasteTextAction(projectId: string, _previous: PasteState, formData: FormData): Promise<PasteState> {
  const principal = await requireUser();
  let values: Record<string, string> = {};
  try {
    values = formValues(formData, ["title", "text"]);
    await gateProject({ principal, projectId, action: "document.create" });
    const { status, document } = await createPastedDocument({ actorId: principal.userId, projectId, input: values });
    revalidatePath(`/projects/${projectId}/documents`);
    revalidatePath(`/projects/${projectId}`);
    return {
      status: "ok",
      outcome: status,
      document: { id: document.id, title: document.title },
      // A new text clears the form; a duplicate keeps it, so it can be changed.
      values: status === "duplicate" ? values : undefined,
    };
  } catch (err) {
    return formError(err, values);
  }
}
