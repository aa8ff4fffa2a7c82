"use client";

import { useState } from "react";
import { Textarea } from "@/components/ui/textarea";
import { AttributeFormFrame, type FrameHooks } from "./attribute-form-frame";
import type { Outcome } from "./annotation-commands";
import { ChoiceField, Field, TextInputField, compact, stringOrUndefined } from "./attribute-fields";
import { CREDIBILITY, RELIABILITY, REPORTING, type Annotation, type ClaimAttributes } from "./types";

/** Admiralty (NATO) grading, as analysts read it. */
const RELIABILITY_NAMES = ["Completely reliable", "Usually reliable", "Fairly reliable", "Not usually reliable", "Unreliable", "Reliability cannot be judged"];
const CREDIBILITY_NAMES = ["Confirmed by other sources", "Probably true", "Possibly true", "Doubtful", "Improbable", "Truth cannot be judged"];
const FREE_TEXT = "__text";

function shortQuote(text: string): string {
  return text.length > 48 ? `${text.slice(0, 48)}…` : text;
}

/**
 * Who makes the claim (an entity annotation of this document, or free text), how it is
 * reported, and the analyst's grading of source and information.
 */
export function ClaimForm({
  attributes,
  entities,
  disabled,
  onSave,
  hooks,
}: {
  attributes: ClaimAttributes;
  entities: readonly Annotation[];
  disabled: boolean;
  onSave: (attributes: Record<string, unknown>) => Promise<Outcome>;
  hooks?: FrameHooks;
}) {
  const source = attributes.source;
  const initial = {
    source: source && "annotationId" in source ? source.annotationId : source && "text" in source ? FREE_TEXT : "",
    sourceText: source && "text" in source ? source.text : "",
    reporting: attributes.reporting ?? "",
    reliability: attributes.reliability ?? "",
    credibility: attributes.credibility ? String(attributes.credibility) : "",
    note: attributes.note ?? "",
  };
  const [fields, setFields] = useState(initial);
  const set = (name: keyof typeof fields) => (value: string) => setFields((f) => ({ ...f, [name]: value }));
  const sourceText = stringOrUndefined(fields.sourceText);
  const options: [string, string][] = entities.map((entity) => [entity.id, `${shortQuote(entity.exact)} (${entity.label.name})`]);
  if (fields.source && fields.source !== FREE_TEXT && !entities.some((e) => e.id === fields.source)) {
    options.push([fields.source, "An annotation no longer in this document"]);
  }
  options.push([FREE_TEXT, "Someone else (type the name)…"]);

  return (
    <AttributeFormFrame
      {...hooks}
      title="Claim"
      disabled={disabled}
      dirty={JSON.stringify(fields) !== JSON.stringify(initial)}
      onSubmit={() =>
        onSave(
          compact({
            source: fields.source === FREE_TEXT ? (sourceText ? { text: sourceText } : undefined) : fields.source ? { annotationId: fields.source } : undefined,
            reporting: stringOrUndefined(fields.reporting),
            reliability: stringOrUndefined(fields.reliability),
            credibility: fields.credibility ? Number(fields.credibility) : undefined,
            note: stringOrUndefined(fields.note),
          }),
        )
      }
    >
      <ChoiceField
        id="claim-source"
        label="Source (who makes the claim)"
        value={fields.source}
        options={options}
        onChange={set("source")}
        disabled={disabled}
        hint={entities.length === 0 ? "Tag the speaker as an entity to link it here, or type a name." : undefined}
      />
      {fields.source === FREE_TEXT && (
        <TextInputField id="claim-source-text" label="Source name" value={fields.sourceText} onChange={set("sourceText")} disabled={disabled} />
      )}
      <ChoiceField id="claim-reporting" label="Reporting" value={fields.reporting} options={REPORTING} onChange={set("reporting")} disabled={disabled} />
      <div className="grid grid-cols-2 gap-2">
        <ChoiceField
          id="claim-reliability"
          label="Source reliability"
          value={fields.reliability}
          options={RELIABILITY.map((grade, i) => [grade, `${grade} – ${RELIABILITY_NAMES[i]}`] as const)}
          onChange={set("reliability")}
          disabled={disabled}
        />
        <ChoiceField
          id="claim-credibility"
          label="Credibility"
          value={fields.credibility}
          options={CREDIBILITY.map((grade, i) => [String(grade), `${grade} – ${CREDIBILITY_NAMES[i]}`] as const)}
          onChange={set("credibility")}
          disabled={disabled}
        />
      </div>
      <Field id="claim-note" label="Note">
        <Textarea id="claim-note" value={fields.note} disabled={disabled} onChange={(event) => set("note")(event.target.value)} rows={3} />
      </Field>
    </AttributeFormFrame>
  );
}
