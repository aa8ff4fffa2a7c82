"use client";

import { useState } from "react";
import { AttributeFormFrame, type FrameHooks } from "./attribute-form-frame";
import type { Outcome } from "./annotation-commands";
import { ChoiceField, TextInputField, compact, stringOrUndefined } from "./attribute-fields";
import { ENTITY_TYPES, type EntityAttributes } from "./types";

const TYPE_NAMES: Record<(typeof ENTITY_TYPES)[number], string> = {
  person: "Person",
  organization: "Organization",
  armed_group: "Armed group",
  location: "Location",
  event: "Event",
  other: "Other",
};

export function EntityForm({
  attributes,
  disabled,
  onSave,
  hooks,
}: {
  attributes: EntityAttributes;
  disabled: boolean;
  onSave: (attributes: Record<string, unknown>) => Promise<Outcome>;
  hooks?: FrameHooks;
}) {
  const initial = { type: attributes.type ?? "", canonicalName: attributes.canonicalName ?? "" };
  const [fields, setFields] = useState(initial);
  return (
    <AttributeFormFrame
      {...hooks}
      title="Entity"
      disabled={disabled}
      dirty={JSON.stringify(fields) !== JSON.stringify(initial)}
      onSubmit={() => onSave(compact({ type: stringOrUndefined(fields.type), canonicalName: stringOrUndefined(fields.canonicalName) }))}
    >
      <ChoiceField
        id="entity-type"
        label="Type"
        value={fields.type}
        options={ENTITY_TYPES.map((type) => [type, TYPE_NAMES[type]] as const)}
        onChange={(type) => setFields((f) => ({ ...f, type }))}
        disabled={disabled}
      />
      <TextInputField
        id="entity-canonical"
        label="Canonical name"
        hint="The name to group aliases under, e.g. Islamic State Khorasan for ISKP or Daesh-K."
        value={fields.canonicalName}
        onChange={(canonicalName) => setFields((f) => ({ ...f, canonicalName }))}
        disabled={disabled}
      />
    </AttributeFormFrame>
  );
}
