"use server";

import { redirect } from "next/navigation";
import { formError, formValues } from "@/components/forms/form-error";
import type { FormState } from "@/components/forms/form-state";
import { requireUser } from "@/lib/api/session";
import { createProject } from "@/lib/projects/create-project";
import { ZCreateProject } from "@/lib/projects/schemas";

export async function createProjectAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const principal = await requireUser();
  let values: Record<string, string> = {};
  let projectId: string;
  try {
    values = formValues(formData, ["name", "description"]);
    const project = await createProject({ actorId: principal.userId, input: ZCreateProject.parse(values) });
    projectId = project.id;
  } catch (err) {
    return formError(err, values);
  }
  redirect(`/projects/${projectId}`);
}
