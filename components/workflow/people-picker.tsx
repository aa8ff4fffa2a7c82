"use client";

import { useEffect, useId, useRef } from "react";
import { cn } from "@/components/ui/cn";
import { fieldClasses } from "@/components/ui/input";

export interface Person {
  id: string;
  name: string;
}

function summary(people: Person[], chosen: readonly string[]): string {
  const names = people.filter((p) => chosen.includes(p.id)).map((p) => p.name);
  if (names.length === 0) return "Nobody";
  return names.length <= 2 ? names.join(", ") : `${names.length} people`;
}

/**
 * A multi-select as a disclosure of checkboxes: the native <details> gives keyboard and screen
 * reader behaviour; Escape and a click elsewhere close it.
 */
export function PeoplePicker({
  label,
  people,
  chosen,
  onChange,
}: {
  label: string;
  people: Person[];
  chosen: readonly string[];
  onChange: (ids: string[]) => void;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  const labelId = useId();
  const valueId = useId();
  useEffect(() => {
    const close = (event: PointerEvent) => {
      if (ref.current?.open && !ref.current.contains(event.target as Node)) ref.current.open = false;
    };
    document.addEventListener("pointerdown", close);
    return () => document.removeEventListener("pointerdown", close);
  }, []);
  return (
    <div className="grid gap-1.5">
      <span id={labelId} className="text-sm font-medium leading-none text-slate-900">
        {label}
      </span>
      <details
        ref={ref}
        className="relative"
        onKeyDown={(event) => {
          if (event.key !== "Escape" || !ref.current?.open) return;
          ref.current.open = false;
          ref.current.querySelector("summary")?.focus();
        }}
      >
        <summary
          aria-labelledby={`${labelId} ${valueId}`}
          className={cn(fieldClasses, "flex h-9 min-w-48 cursor-pointer list-none items-center justify-between gap-2 py-1")}
        >
          <span id={valueId} className="truncate">
            {summary(people, chosen)}
          </span>
          <span aria-hidden className="text-xs text-slate-600">
            ▾
          </span>
        </summary>
        <fieldset className="absolute z-20 mt-1 grid max-h-64 min-w-full gap-1 overflow-y-auto rounded-md border border-slate-200 bg-white p-2 shadow-lg">
          <legend className="sr-only">{label}</legend>
          {people.length === 0 && <p className="px-1 text-sm text-slate-600">No member can take this part.</p>}
          {people.map((person) => (
            <label key={person.id} className="flex cursor-pointer items-center gap-2 rounded px-1 py-1 text-sm text-slate-900 hover:bg-slate-50">
              <input
                type="checkbox"
                className="size-4 accent-slate-900"
                checked={chosen.includes(person.id)}
                onChange={(event) => onChange(event.target.checked ? [...chosen, person.id] : chosen.filter((id) => id !== person.id))}
              />
              <span className="whitespace-nowrap">{person.name}</span>
            </label>
          ))}
        </fieldset>
      </details>
    </div>
  );
}
