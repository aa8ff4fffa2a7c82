"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Alert, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { FORMAT_CHOICES } from "./formats";
import { ImportProblems, type Problem } from "./import-problems";

type Outcome =
  | { kind: "imported"; annotations: number; alreadyPresent: number; created: number; matched: number }
  | { kind: "refused"; message: string; problems: Problem[]; more: number }
  | { kind: "error"; message: string };

const ACCEPT: Record<string, string> = { jsonl: ".jsonl,.json,.ndjson", w3c: ".jsonld,.json", brat: ".zip", spacy: ".jsonl,.json" };

async function send(projectId: string, format: string, file: File): Promise<Outcome> {
  const body = new FormData();
  body.append("file", file);
  const res = await fetch(`/api/v1/projects/${projectId}/import?format=${format}`, { method: "POST", body });
  const json = (await res.json().catch(() => null)) as Record<string, any> | null; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (res.status === 201 && json) return { kind: "imported", annotations: json.annotations, alreadyPresent: json.alreadyPresent ?? 0, ...json.documents };
  const error = json?.error ?? { message: `The server answered ${res.status}` };
  if (res.status === 422 && error.details?.errors) return { kind: "refused", message: error.message, problems: error.details.errors, more: error.details.more ?? 0 };
  return { kind: "error", message: error.message };
}

/** Upload an export file; a refusal lists every problem, since nothing of the file was written. */
export function ImportForm({ projectId }: { projectId: string }) {
  const id = useId();
  const router = useRouter();
  const [format, setFormat] = useState("jsonl");
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    try {
      const result = await send(projectId, format, file);
      setOutcome(result);
      if (result.kind === "imported") router.refresh();
    } catch {
      setOutcome({ kind: "error", message: "The upload failed: check your connection and try again." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="grid gap-5" aria-busy={busy}>
      <div className="flex flex-wrap items-end gap-4">
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-format`}>Format</Label>
          <Select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value)}>
            {FORMAT_CHOICES.filter((c) => c.importable).map((c) => (
              <option key={c.format} value={c.format}>
                {c.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-file`}>File</Label>
          <input
            id={`${id}-file`}
            type="file"
            accept={ACCEPT[format]}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            className="text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium"
          />
        </div>
        <Button type="submit" disabled={!file || busy}>
          {busy ? "Checking and importing…" : "Import"}
        </Button>
      </div>
      <p className="text-xs text-slate-600">
        Documents are matched to this project&apos;s by their text&apos;s sha256, or created from the file&apos;s text (W3C files carry no text:
        upload the documents first). Labels must exist here already. Every annotation is checked against its text first; if anything is wrong,
        nothing is imported. Annotations a document already has are not added twice.
      </p>
      {outcome?.kind === "imported" && (
        <Alert variant="success" data-testid="import-result">
          <AlertTitle>Imported {outcome.annotations} annotations</AlertTitle>
          {outcome.created} documents created, {outcome.matched} matched to documents already here. Your name is on them as their author.
          {outcome.alreadyPresent > 0 && ` ${outcome.alreadyPresent} annotations of the file were already here (same label, span and attributes) and were left as they are.`}
        </Alert>
      )}
      {outcome?.kind === "error" && <Alert variant="destructive">{outcome.message}</Alert>}
      {outcome?.kind === "refused" && (
        <Alert variant="destructive" data-testid="import-result">
          <AlertTitle>{outcome.message}</AlertTitle>
          <ImportProblems problems={outcome.problems} more={outcome.more} />
        </Alert>
      )}
    </form>
  );
}
