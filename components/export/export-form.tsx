"use client";

import { useId, useMemo, useState } from "react";
import { buttonVariants } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { ANNOTATION_STATUSES as STATUSES } from "@/lib/annotations/attribute-values";
import type { ExportFormat } from "@/lib/export/types";
import { DocumentScopeField, type DocumentScope } from "./document-scope";
import { FORMAT_CHOICES } from "./formats";

export interface ExportFormProps {
  projectId: string;
  /** Where the form starts: all documents, or those chosen on the way here (`?documents=`). */
  initialScope: DocumentScope;
  labels: { id: string; name: string; color: string }[];
  annotators: { id: string; name: string; email: string }[];
}

interface Filters {
  labels: string[];
  statuses: string[];
  author: string;
  signedOff: boolean;
}

function exportUrl(projectId: string, format: ExportFormat, scope: DocumentScope, { labels, statuses, author, signedOff }: Filters): string {
  const params = new URLSearchParams({ format });
  if (scope.mode === "search" && scope.q.trim()) params.set("q", scope.q.trim());
  if (scope.mode === "chosen") params.set("documents", scope.documents.map((d) => d.id).join(","));
  if (labels.length) params.set("labels", labels.join(","));
  if (statuses.length) params.set("status", statuses.join(","));
  if (author) params.set("authors", author);
  if (signedOff) params.set("signedOff", "true");
  return `/api/v1/projects/${projectId}/export?${params.toString()}`;
}

function toggle(list: string[], value: string, on: boolean): string[] {
  return on ? [...list, value] : list.filter((v) => v !== value);
}

/**
 * Format, documents and filters build the API address; Download is a plain link to it, so the browser
 * streams the file to disk itself (and shows its progress) however large the corpus is.
 */
export function ExportForm({ projectId, initialScope, labels, annotators }: ExportFormProps) {
  const id = useId();
  const [format, setFormat] = useState<ExportFormat>("jsonl");
  const [scope, setScope] = useState<DocumentScope>(initialScope);
  const [chosenLabels, setLabels] = useState<string[]>([]);
  const [statuses, setStatuses] = useState<string[]>([]);
  const [author, setAuthor] = useState("");
  const [signedOff, setSignedOff] = useState(false);
  const url = useMemo(
    () => exportUrl(projectId, format, scope, { labels: chosenLabels, statuses, author, signedOff }),
    [projectId, format, scope, chosenLabels, statuses, author, signedOff],
  );
  const nothingChosen = scope.mode === "chosen" && scope.documents.length === 0;
  const labelNames = labels.filter((l) => chosenLabels.includes(l.id)).map((l) => l.name);
  const cli = [
    `npx tracewell export --project ${projectId} --format ${format}`,
    scope.mode === "search" && scope.q.trim() && `--q ${JSON.stringify(scope.q.trim())}`,
    scope.mode === "chosen" && scope.documents.length > 0 && `--documents ${scope.documents.map((d) => d.id).join(",")}`,
    labelNames.length && `--labels ${JSON.stringify(labelNames.join(","))}`,
    statuses.length && `--status ${statuses.join(",")}`,
    author && `--authors ${annotators.find((a) => a.id === author)?.email ?? author}`,
    signedOff && "--signed-off",
    `> export.${format === "brat" || format === "csv" ? "zip" : format === "w3c" ? "jsonld" : format === "conll" ? "conll" : "jsonl"}`,
  ].filter(Boolean);

  return (
    <div className="grid gap-6">
      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm font-medium text-slate-900">Format</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {FORMAT_CHOICES.map((choice) => (
            <label
              key={choice.format}
              className="flex cursor-pointer gap-3 rounded-md border border-slate-200 p-3 text-sm has-[:checked]:border-slate-900 has-[:checked]:bg-slate-50"
            >
              <input type="radio" name={`${id}-format`} value={choice.format} checked={format === choice.format} onChange={() => setFormat(choice.format)} className="mt-0.5" />
              <span className="grid gap-0.5">
                <span className="font-medium text-slate-900">{choice.name}</span>
                <span className="text-slate-600">{choice.description}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="grid gap-5 md:grid-cols-2">
        <DocumentScopeField projectId={projectId} scope={scope} onChange={setScope} />
        <div className="grid content-start gap-1.5">
          <Label htmlFor={`${id}-author`}>Annotator</Label>
          <Select id={`${id}-author`} value={author} onChange={(e) => setAuthor(e.target.value)} className="w-full">
            <option value="">Everyone</option>
            {annotators.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.email})
              </option>
            ))}
          </Select>
        </div>
        <fieldset className="grid content-start gap-1.5">
          <legend className="mb-1.5 text-sm font-medium text-slate-900">Labels</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-2">
            {labels.map((label) => (
              <label key={label.id} className="inline-flex items-center gap-2 text-sm text-slate-800">
                <input type="checkbox" checked={chosenLabels.includes(label.id)} onChange={(e) => setLabels((l) => toggle(l, label.id, e.target.checked))} />
                <span aria-hidden className="size-2.5 rounded-full" style={{ backgroundColor: label.color }} />
                {label.name}
              </label>
            ))}
          </div>
          <p className="text-xs text-slate-600">None ticked: every label.</p>
        </fieldset>
        <fieldset className="grid content-start gap-1.5">
          <legend className="mb-1.5 text-sm font-medium text-slate-900">Review status</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-2">
            {STATUSES.map((status) => (
              <label key={status} className="inline-flex items-center gap-2 text-sm capitalize text-slate-800">
                <input type="checkbox" checked={statuses.includes(status)} onChange={(e) => setStatuses((s) => toggle(s, status, e.target.checked))} />
                {status}
              </label>
            ))}
          </div>
          <p className="text-xs text-slate-600">With a label, status or annotator filter, only documents holding a matching annotation are exported.</p>
        </fieldset>
        <fieldset className="grid content-start gap-1.5">
          <legend className="mb-1.5 text-sm font-medium text-slate-900">Review workflow</legend>
          <label className="inline-flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" checked={signedOff} onChange={(e) => setSignedOff(e.target.checked)} />
            Only signed-off documents
          </label>
          <p className="text-xs text-slate-600">Every document in the file carries its current sign-off (signer, time, annotation set hash), if any.</p>
        </fieldset>
      </div>

      <div className="flex flex-wrap items-center gap-4 border-t border-slate-200 pt-5">
        {nothingChosen ? (
          <button type="button" disabled className={buttonVariants()} data-testid="export-download">
            Choose a document to download
          </button>
        ) : (
          <a href={url} download className={buttonVariants()} data-testid="export-download">
            Download {FORMAT_CHOICES.find((c) => c.format === format)!.name}
          </a>
        )}
        <p className="text-xs text-slate-600">Streamed as it is written: the browser shows the download&apos;s progress.</p>
      </div>
      <div className="grid gap-1.5">
        <p className="text-xs font-medium text-slate-700">The same from a terminal</p>
        <code className="block overflow-x-auto whitespace-pre rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100">{cli.join(" ")}</code>
      </div>
    </div>
  );
}
