"use client";

import { useRouter } from "next/navigation";
import { ConfirmAction } from "@/components/forms/confirm-action";
import type { FormState } from "@/components/forms/form-state";
import { entitiesApi } from "./entities-api";

/** Owners and reviewers: delete in two steps; while annotations link to it the API refuses (409) and says how many. */
export function DeleteEntity({ projectId, entity }: { projectId: string; entity: { id: string; name: string } }) {
  const router = useRouter();
  async function remove(): Promise<FormState> {
    try {
      await entitiesApi.remove(entity.id);
    } catch (err) {
      return { status: "error", message: err instanceof Error ? err.message : "The entity could not be deleted." };
    }
    router.push(`/projects/${projectId}/entities`);
    router.refresh();
    return { status: "ok" };
  }
  return <ConfirmAction action={remove} fields={{}} label="Delete" subject={`entity ${entity.name}`} prompt={`Delete ${entity.name}?`} confirmLabel="Yes, delete" />;
}
