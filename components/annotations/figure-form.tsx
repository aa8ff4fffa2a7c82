"use client";

import { useState } from "react";
import { ChoiceField, TextInputField, compact, numberOrUndefined, stringOrUndefined } from "./attribute-fields";
import { QUALIFIERS, type FigureAttributes } from "./types";
import { AttributeFormFrame, type FrameHooks } from "./attribute-form-frame";
import type { Outcome } from "./annotation-commands";

const text = (value: number | string | undefined) => (value === undefined ? "" : String(value));

/** A figure's reading: the server fills it from the span ("more than 6000" → > 6000), the analyst corrects it. */
export function FigureForm({
  attributes,
  disabled,
  onSave,
  hooks,
}: {
  attributes: FigureAttributes;
  disabled: boolean;
  onSave: (attributes: Record<string, unknown>) => Promise<Outcome>;
  hooks?: FrameHooks;
}) {
  const initial = {
    value: text(attributes.value),
    low: text(attributes.low),
    high: text(attributes.high),
    qualifier: attributes.qualifier ?? "",
    unit: attributes.unit ?? "",
    asOf: attributes.asOf ?? "",
  };
  const [fields, setFields] = useState(initial);
  const set = (name: keyof typeof fields) => (value: string) => setFields((f) => ({ ...f, [name]: value }));
  const dirty = JSON.stringify(fields) !== JSON.stringify(initial);

  function submit(): Promise<Outcome> | Outcome {
    const numbers = { value: numberOrUndefined(fields.value), low: numberOrUndefined(fields.low), high: numberOrUndefined(fields.high) };
    const bad = Object.entries(numbers).find(([, n]) => n !== undefined && !Number.isFinite(n));
    if (bad) {
      return { ok: false, message: `${bad[0][0]!.toUpperCase()}${bad[0].slice(1)} must be a number, like 6000 or 2.5.` };
    }
    const reading = ["value", "low", "high", "qualifier", "unit"] as const;
    const changedReading = reading.some((key) => fields[key] !== initial[key]);
    return onSave(
      compact({
        ...numbers,
        qualifier: stringOrUndefined(fields.qualifier),
        unit: stringOrUndefined(fields.unit),
        asOf: stringOrUndefined(fields.asOf),
        parsed: attributes.parsed && !changedReading ? true : undefined,
      }),
    );
  }

  return (
    <AttributeFormFrame
      {...hooks}
      title="Figure"
      disabled={disabled}
      dirty={dirty}
      onSubmit={submit}
      note={attributes.parsed ? "Read from the text; correct it if the parser got it wrong." : undefined}
    >
      <div className="grid grid-cols-3 gap-2">
        <TextInputField id="figure-value" label="Value" inputMode="decimal" value={fields.value} onChange={set("value")} disabled={disabled} />
        <TextInputField id="figure-low" label="Low" inputMode="decimal" value={fields.low} onChange={set("low")} disabled={disabled} />
        <TextInputField id="figure-high" label="High" inputMode="decimal" value={fields.high} onChange={set("high")} disabled={disabled} />
      </div>
      <ChoiceField id="figure-qualifier" label="Qualifier" value={fields.qualifier} options={QUALIFIERS} onChange={set("qualifier")} disabled={disabled} />
      <TextInputField id="figure-unit" label="Unit" placeholder="fighters, civilians, %" value={fields.unit} onChange={set("unit")} disabled={disabled} />
      <TextInputField id="figure-as-of" label="As of" type="date" value={fields.asOf} onChange={set("asOf")} disabled={disabled} />
    </AttributeFormFrame>
  );
}
