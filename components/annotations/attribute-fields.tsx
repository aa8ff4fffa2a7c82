import type { ReactNode } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";

/** A labelled control in the side panel; `id` ties label and control together. */
export function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
    </div>
  );
}

export function ChoiceField({
  id,
  label,
  value,
  options,
  onChange,
  disabled,
  hint,
  empty = "Not set",
}: {
  id: string;
  label: string;
  value: string;
  options: readonly (string | readonly [value: string, text: string])[];
  onChange: (value: string) => void;
  disabled?: boolean;
  hint?: string;
  empty?: string | null;
}) {
  return (
    <Field id={id} label={label} hint={hint}>
      <Select id={id} value={value} disabled={disabled} onChange={(event) => onChange(event.target.value)} className="w-full" aria-describedby={hint ? `${id}-hint` : undefined}>
        {empty !== null && <option value="">{empty}</option>}
        {options.map((option) => {
          const [optionValue, text] = typeof option === "string" ? [option, option] : option;
          return (
            <option key={optionValue} value={optionValue}>
              {text}
            </option>
          );
        })}
      </Select>
    </Field>
  );
}

export function TextInputField({
  id,
  label,
  value,
  onChange,
  disabled,
  type = "text",
  hint,
  ...rest
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  type?: string;
  hint?: string;
  inputMode?: "decimal" | "text";
  placeholder?: string;
}) {
  return (
    <Field id={id} label={label} hint={hint}>
      <Input id={id} type={type} value={value} disabled={disabled} onChange={(event) => onChange(event.target.value)} aria-describedby={hint ? `${id}-hint` : undefined} {...rest} />
    </Field>
  );
}

/** "" → undefined; "1,300" or "1 300" → 1300; anything unparsable → NaN (reported by the form). */
export function numberOrUndefined(text: string): number | undefined {
  const trimmed = text.trim().replace(/[\s,_]/g, "");
  if (trimmed === "") return undefined;
  return Number(trimmed);
}

export const stringOrUndefined = (text: string) => (text.trim() === "" ? undefined : text.trim());

/** Drops undefined members, so a PATCH replaces the attributes with exactly what is set. */
export function compact<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;
}
