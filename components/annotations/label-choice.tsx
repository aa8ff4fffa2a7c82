"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { Outcome } from "./annotation-commands";
import { ChoiceField } from "./attribute-fields";
import type { Annotation, AnnotationPatch, LabelInfo } from "./types";

/** The attributes an annotation carries, as the words of the confirmation ("type, canonical name"). */
function attributeNames(attributes: Annotation["attributes"]): string[] {
  return Object.keys(attributes)
    .filter((key) => key !== "parsed")
    .map((key) => key.replace(/([A-Z])/g, " $1").toLowerCase());
}

/**
 * The label of an annotation. Another label of the same kind keeps the attributes; a label of
 * another kind cannot use them, so the analyst confirms dropping them first (the change is then
 * one PATCH with the new label and no attributes, and undo brings both back).
 */
export function LabelChoice({
  annotation,
  labels,
  disabled,
  onUpdate,
}: {
  annotation: Annotation;
  labels: readonly LabelInfo[];
  disabled: boolean;
  onUpdate: (patch: AnnotationPatch) => Promise<Outcome>;
}) {
  const [asking, setAsking] = useState<LabelInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const dropped = attributeNames(annotation.attributes);

  async function change(patch: AnnotationPatch) {
    setAsking(null);
    setError(null);
    const outcome = await onUpdate(patch);
    if (!outcome.ok) setError(outcome.message);
  }

  return (
    <div className="grid gap-1.5">
      <ChoiceField
        id="annotation-label"
        label="Label"
        value={asking?.id ?? annotation.label.id}
        empty={null}
        options={labels.map((label) => [label.id, label.hotkey ? `${label.name} (${label.hotkey})` : label.name] as const)}
        onChange={(id) => {
          const label = labels.find((l) => l.id === id);
          if (!label || label.id === annotation.label.id) return setAsking(null);
          if (label.kind !== annotation.label.kind && Object.keys(annotation.attributes).length > 0) return setAsking(label);
          void change({ label: label.id });
        }}
        disabled={disabled}
      />
      {asking && (
        <div role="alertdialog" aria-labelledby="label-change-question" className="grid gap-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-xs text-amber-950">
          <p id="label-change-question">
            This {annotation.label.kind}&apos;s attributes ({dropped.join(", ") || "its reading"}) do not fit {asking.name}, a {asking.kind} label, and will be
            dropped. Undo brings them back.
          </p>
          <div className="flex gap-2">
            <Button type="button" size="sm" onClick={() => void change({ label: asking.id, attributes: {} })}>
              Change to {asking.name}
            </Button>
            <Button type="button" size="sm" variant="outline" onClick={() => setAsking(null)}>
              Keep {annotation.label.name}
            </Button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" data-testid="label-error" className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
