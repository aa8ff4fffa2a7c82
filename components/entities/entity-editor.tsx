"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { entitiesApi } from "./entities-api";
import { EntityForm, entityInput, type EntityValues } from "./entity-form";
import type { Entity } from "@/lib/entities/entity-shape";

function valuesOf(entity: Entity): EntityValues {
  return {
    name: entity.name,
    type: entity.type,
    aliases: entity.aliases.join("\n"),
    description: entity.description,
    wikidata: entity.externalIds.wikidata ?? "",
  };
}

/** The entity's details (children), or in their place the form that changes them (PATCH). */
export function EntityEditor({ entity, canUpdate, children }: { entity: Entity; canUpdate: boolean; children: ReactNode }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const { wikidata: _edited, ...otherIds } = entity.externalIds;

  if (editing) {
    return (
      <EntityForm
        idPrefix="edit-entity"
        initial={valuesOf(entity)}
        submitLabel="Save entity"
        onCancel={() => setEditing(false)}
        onSubmit={async (values) => {
          await entitiesApi.update(entity.id, entityInput(values, otherIds));
          setEditing(false);
          setSaved(true);
          router.refresh();
        }}
      />
    );
  }
  return (
    <div className="grid gap-4">
      {children}
      {saved && <Alert variant="success">Saved.</Alert>}
      {canUpdate && (
        <Button variant="outline" size="sm" className="justify-self-start" onClick={() => (setSaved(false), setEditing(true))}>
          Edit entity
        </Button>
      )}
    </div>
  );
}
