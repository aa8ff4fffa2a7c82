"use client";

import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";

/** The rows chosen in the document list for a bulk action; only ids of the page shown count. */
interface Selection {
  ids: readonly string[];
  selected: ReadonlySet<string>;
  toggle: (id: string, on: boolean) => void;
  setAll: (on: boolean) => void;
  clear: () => void;
}

const SelectionContext = createContext<Selection | null>(null);

export function BulkSelection({ documentIds, children }: { documentIds: string[]; children: ReactNode }) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const value = useMemo<Selection>(() => {
    // A refresh or another page may drop rows: what is no longer listed is no longer selected.
    const selected = new Set(documentIds.filter((id) => chosen.has(id)));
    return {
      ids: documentIds,
      selected,
      toggle: (id, on) =>
        setChosen((before) => {
          const next = new Set(before);
          if (on) next.add(id);
          else next.delete(id);
          return next;
        }),
      setAll: (on) => setChosen(on ? new Set(documentIds) : new Set()),
      clear: () => setChosen(new Set()),
    };
  }, [documentIds, chosen]);
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

export function useSelection(): Selection {
  const selection = useContext(SelectionContext);
  if (!selection) throw new Error("useSelection needs a <BulkSelection> around it");
  return selection;
}

const BOX = "size-4 shrink-0 cursor-pointer rounded border-slate-400 accent-slate-900";

export function RowCheckbox({ documentId, title }: { documentId: string; title: string }) {
  const { selected, toggle } = useSelection();
  return (
    <input
      type="checkbox"
      className={BOX}
      aria-label={`Select ${title}`}
      checked={selected.has(documentId)}
      onChange={(event) => toggle(documentId, event.target.checked)}
    />
  );
}

/** Checked when every row of the page is; mixed (indeterminate) when some are. Put it in a <label>. */
export function PageCheckbox() {
  const { ids, selected, setAll } = useSelection();
  const ref = useRef<HTMLInputElement>(null);
  const all = ids.length > 0 && selected.size === ids.length;
  const some = selected.size > 0 && !all;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = some;
  }, [some]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className={BOX}
      checked={all}
      onChange={(event) => setAll(event.target.checked)}
    />
  );
}
