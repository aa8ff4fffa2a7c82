"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formError, formValues } from "@/components/forms/form-error";
import type { FormState } from "@/components/forms/form-state";
import { gateProject } from "@/lib/auth/gate";
import { requireUser } from "@/lib/api/session";
import { addMember } from "@/lib/memberships/add-member";
import { changeRole } from "@/lib/memberships/change-role";
import { removeMember } from "@/lib/memberships/remove-member";
import { ZAddMember, ZChangeRole, ZUpdateProject } from "@/lib/projects/schemas";
import { updateProject } from "@/lib/projects/update-project";

// Each action re-checks the caller's role through gateProject: hiding a control is not
// enough, since any server action can be posted to directly.

const ZMemberRef = z.object({ userId: z.string().min(1, "Missing member") });

function done(projectId: string, message: string): FormState {
  revalidatePath(`/projects/${projectId}`);
  revalidatePath("/projects");
  return { status: "ok", message };
}

export async function updateProjectAction(projectId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const principal = await requireUser();
  let values: Record<string, string> = {};
  try {
    values = formValues(formData, ["name", "description"]);
    await gateProject({ principal, projectId, action: "project.update" });
    await updateProject({ actorId: principal.userId, projectId, input: ZUpdateProject.parse(values) });
  } catch (err) {
    return formError(err, values);
  }
  return { ...done(projectId, "Project details saved."), values };
}

export async function addMemberAction(projectId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const principal = await requireUser();
  let values: Record<string, string> = {};
  let email: string;
  try {
    values = formValues(formData, ["email", "role"]);
    await gateProject({ principal, projectId, action: "member.manage" });
    const member = await addMember({ actorId: principal.userId, projectId, input: ZAddMember.parse(values) });
    email = member.email;
  } catch (err) {
    return formError(err, values);
  }
  return done(projectId, `Added ${email} as ${values.role}.`);
}

export async function changeRoleAction(projectId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const principal = await requireUser();
  let values: Record<string, string> = {};
  let message: string;
  try {
    values = formValues(formData, ["userId", "role"]);
    await gateProject({ principal, projectId, action: "member.manage" });
    const { userId } = ZMemberRef.parse(values);
    const member = await changeRole({ actorId: principal.userId, projectId, userId, input: ZChangeRole.parse(values) });
    message = `${member.email} is now ${member.role}.`;
  } catch (err) {
    return formError(err, values);
  }
  return done(projectId, message);
}

export async function removeMemberAction(projectId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const principal = await requireUser();
  let values: Record<string, string> = {};
  let userId: string;
  try {
    values = formValues(formData, ["userId"]);
    await gateProject({ principal, projectId, action: "member.manage" });
    userId = ZMemberRef.parse(values).userId;
    await removeMember({ actorId: principal.userId, projectId, userId });
  } catch (err) {
    return formError(err, values);
  }
  // Having left the project, its page would now be not-found for them.
  if (userId === principal.userId) {
    revalidatePath("/projects");
    redirect("/projects");
  }
  return done(projectId, "Member removed.");
}
