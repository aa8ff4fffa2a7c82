"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiCall } from "@/components/annotations/api";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { PeoplePicker, type Person } from "@/components/workflow/people-picker";
import { PageCheckbox, useSelection } from "./bulk-selection";

type Message = { kind: "success" | "error"; text: string };

const plural = (n: number) => `${n} document${n === 1 ? "" : "s"}`;

/**
 * Owners: assign annotators and a reviewer to the rows selected in the table, all in one request
 * (PUT /api/v1/projects/{id}/assignees). The choice replaces each document's assignees.
 */
export function BulkAssignBar({ projectId, annotators, reviewers }: { projectId: string; annotators: Person[]; reviewers: Person[] }) {
  const router = useRouter();
  const { selected, clear } = useSelection();
  const [chosen, setChosen] = useState<string[]>([]);
  const [reviewer, setReviewer] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const count = selected.size;
  const people = [...annotators, ...reviewers];
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? id;

  async function assign() {
    setBusy(true);
    setMessage(null);
    try {
      const body = { documentIds: [...selected], annotators: chosen, reviewer: reviewer || null };
      await apiCall("PUT", `/api/v1/projects/${projectId}/assignees`, body);
      const who = [
        `annotators: ${chosen.length > 0 ? chosen.map(nameOf).join(", ") : "nobody"}`,
        `reviewer: ${reviewer ? nameOf(reviewer) : "nobody"}`,
      ];
      setMessage({ kind: "success", text: `Assigned ${plural(count)} (${who.join("; ")}).` });
      clear();
      router.refresh();
    } catch (err) {
      // Someone no longer a member is named by id in the answer; the owner knew them by name here.
      const text = err instanceof Error ? err.message : "The documents could not be assigned. Try again.";
      setMessage({ kind: "error", text: people.reduce((t, p) => t.replaceAll(p.id, p.name), text) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="bulk-assign-title" className="grid gap-3 rounded-lg border border-slate-200 bg-slate-50 p-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid gap-1.5 self-center pr-2">
          <h3 id="bulk-assign-title" className="text-sm font-semibold text-slate-900">
            Assign documents
          </h3>
          <label className="flex cursor-pointer items-center gap-2 text-sm text-slate-800">
            <PageCheckbox />
            Select all on this page
          </label>
          <p aria-live="polite" className="text-xs text-slate-600" data-testid="selected-count">
            {count === 0 ? "None selected" : `${plural(count)} selected`}
          </p>
        </div>
        <PeoplePicker label="Annotators" people={annotators} chosen={chosen} onChange={setChosen} />
        <div className="grid gap-1.5">
          <Label htmlFor="bulk-reviewer">Reviewer</Label>
          <Select id="bulk-reviewer" value={reviewer} onChange={(event) => setReviewer(event.target.value)} className="min-w-48">
            <option value="">Nobody</option>
            {reviewers.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </Select>
        </div>
        <Button onClick={assign} disabled={busy || count === 0}>
          {busy ? "Assigning…" : count > 0 ? `Assign ${plural(count)}` : "Assign"}
        </Button>
        <p className="basis-full text-xs text-slate-600">Replaces the annotators and the reviewer of each selected document.</p>
      </div>
      {message && <Alert variant={message.kind === "success" ? "success" : "destructive"}>{message.text}</Alert>}
    </section>
  );
}
