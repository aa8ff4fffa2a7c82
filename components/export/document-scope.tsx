"use client";

import { useEffect, useId, useState } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { MAX_EXPORT_DOCUMENTS } from "@/lib/export/types";

export interface DocumentChoice {
  id: string;
  title: string;
}

/** Which documents an export covers: all, those a search finds, or the ones chosen by hand. */
export type DocumentScope = { mode: "all" } | { mode: "search"; q: string } | { mode: "chosen"; documents: DocumentChoice[] };

const SHOWN = 20;

/** Documents of the project whose title or text match `q` (newest first when it is empty). */
function useFoundDocuments(projectId: string, q: string, enabled: boolean): { found: DocumentChoice[] | null; failed: boolean } {
  const [state, setState] = useState<{ query: string | null; found: DocumentChoice[]; failed: boolean }>({ query: null, found: [], failed: false });
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    const timer = setTimeout(async () => {
      const params = new URLSearchParams({ limit: String(SHOWN) });
      if (q.trim()) params.set("q", q.trim());
      try {
        const res = await fetch(`/api/v1/projects/${projectId}/documents?${params.toString()}`, { signal: abort.signal });
        if (!res.ok) throw new Error(String(res.status));
        const { documents } = (await res.json()) as { documents: DocumentChoice[] };
        setState({ query: q, found: documents.map(({ id, title }) => ({ id, title })), failed: false });
      } catch {
        if (!abort.signal.aborted) setState({ query: q, found: [], failed: true });
      }
    }, 200);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [projectId, q, enabled]);
  // null while the answer for this query is still on its way
  return { found: state.query === q ? state.found : null, failed: state.query === q && state.failed };
}

const MODES = [
  { mode: "all", label: "All documents" },
  { mode: "search", label: "Those a search finds" },
  { mode: "chosen", label: "Only the ones I choose" },
] as const;

export function DocumentScopeField({ projectId, scope, onChange }: { projectId: string; scope: DocumentScope; onChange: (scope: DocumentScope) => void }) {
  const id = useId();
  const [find, setFind] = useState("");
  const chosen = scope.mode === "chosen" ? scope.documents : [];
  const { found, failed } = useFoundDocuments(projectId, find, scope.mode === "chosen");
  const choose = (document: DocumentChoice) => onChange({ mode: "chosen", documents: [...chosen, document] });
  const drop = (documentId: string) => onChange({ mode: "chosen", documents: chosen.filter((d) => d.id !== documentId) });

  return (
    <fieldset className="grid content-start gap-2">
      <legend className="mb-1.5 text-sm font-medium text-slate-900">Documents</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {MODES.map(({ mode, label }) => (
          <label key={mode} className="inline-flex items-center gap-2 text-sm text-slate-800">
            <input
              type="radio"
              name={`${id}-scope`}
              checked={scope.mode === mode}
              onChange={() => onChange(mode === "all" ? { mode } : mode === "search" ? { mode, q: "" } : { mode, documents: chosen })}
            />
            {label}
          </label>
        ))}
      </div>

      {scope.mode === "search" && (
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-q`}>Search</Label>
          <Input id={`${id}-q`} type="search" value={scope.q} onChange={(e) => onChange({ mode: "search", q: e.target.value })} placeholder="ceasefire OR truce" />
          <p className="text-xs text-slate-600">Words search titles and texts, as the documents list does; empty exports every document.</p>
        </div>
      )}

      {scope.mode === "chosen" && (
        <div className="grid gap-2">
          {chosen.length > 0 ? (
            <ul aria-label="Chosen documents" className="flex flex-wrap gap-1.5">
              {chosen.map((d) => (
                <li key={d.id} className="inline-flex items-center gap-1 rounded-full border border-slate-300 bg-slate-50 py-0.5 pl-2.5 pr-1 text-xs text-slate-800">
                  {d.title}
                  <button type="button" aria-label={`Remove ${d.title}`} onClick={() => drop(d.id)} className="rounded-full px-1 text-slate-500 hover:bg-slate-200 hover:text-slate-900">
                    ×
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-xs text-slate-600" role="status">
              No document chosen yet: find them below.
            </p>
          )}
          <Label htmlFor={`${id}-find`}>Find a document</Label>
          <Input id={`${id}-find`} type="search" value={find} onChange={(e) => setFind(e.target.value)} placeholder="Title or words from the text" />
          {failed ? (
            <p className="text-xs text-red-700">The documents could not be listed; try again.</p>
          ) : (
            <ul aria-label="Documents found" className="grid max-h-48 gap-0.5 overflow-y-auto rounded-md border border-slate-200 p-1">
              {found === null && <li className="px-2 py-1 text-xs text-slate-600">Looking…</li>}
              {found?.map((d) => {
                const taken = chosen.some((c) => c.id === d.id);
                return (
                  <li key={d.id}>
                    <button
                      type="button"
                      disabled={taken || chosen.length >= MAX_EXPORT_DOCUMENTS}
                      aria-label={`Add ${d.title}`}
                      onClick={() => choose(d)}
                      className="w-full rounded px-2 py-1 text-left text-sm text-slate-800 hover:bg-slate-100 disabled:text-slate-400 disabled:hover:bg-transparent"
                    >
                      {taken ? "✓ " : "+ "}
                      {d.title}
                    </button>
                  </li>
                );
              })}
              {found?.length === 0 && <li className="px-2 py-1 text-xs text-slate-600">No document matches.</li>}
            </ul>
          )}
          <p className="text-xs text-slate-600">Up to {MAX_EXPORT_DOCUMENTS} documents; for more, use a search.</p>
        </div>
      )}
    </fieldset>
  );
}
