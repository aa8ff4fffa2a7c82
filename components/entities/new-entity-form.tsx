"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { entitiesApi } from "./entities-api";
import { EntityForm, entityInput } from "./entity-form";

/** Members who may create entities: the form, and a link to the entity just made. */
export function NewEntityForm({ projectId }: { projectId: string }) {
  const router = useRouter();
  const [made, setMade] = useState<{ id: string; name: string } | null>(null);
  return (
    <div className="grid gap-4">
      <EntityForm
        idPrefix="new-entity"
        submitLabel="Create entity"
        resetOnSuccess
        onSubmit={async (values) => {
          setMade(null);
          const entity = await entitiesApi.create(projectId, entityInput(values));
          setMade({ id: entity.id, name: entity.name });
          router.refresh();
        }}
      />
      {made && (
        <Alert variant="success">
          Created{" "}
          <Link href={`/projects/${projectId}/entities/${made.id}`} className="font-medium underline underline-offset-2">
            <bdi>{made.name}</bdi>
          </Link>
          .
        </Alert>
      )}
    </div>
  );
}
