"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { LabelSwatch } from "@/components/annotations/label-swatch";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { LabelForm } from "./label-form";
import { labelsApi, type LabelInput } from "./labels-api";

export interface ManagedLabel extends LabelInput {
  id: string;
  annotationCount?: number;
}

function DeleteLabel({ label, onDeleted }: { label: ManagedLabel; onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="grid justify-items-end gap-2">
      {confirming ? (
        <div className="flex flex-wrap items-center justify-end gap-2">
          <span className="text-sm text-slate-800">Delete {label.name}?</span>
          <Button
            variant="destructive"
            size="sm"
            autoFocus
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              try {
                await labelsApi.remove(label.id);
                onDeleted();
              } catch (err) {
                setError(err instanceof Error ? err.message : "The label could not be deleted.");
                setConfirming(false);
              } finally {
                setBusy(false);
              }
            }}
          >
            Yes, delete
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button variant="outline" size="sm" onClick={() => setConfirming(true)}>
          Delete<span className="sr-only"> label {label.name}</span>
        </Button>
      )}
      {error && (
        <Alert variant="destructive" className="max-w-sm text-left">
          {error}
        </Alert>
      )}
    </div>
  );
}

/** Owners: the project's labels with add, edit and delete; every change goes through the labels API. */
export function LabelManager({ projectId, labels }: { projectId: string; labels: ManagedLabel[] }) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const done = (text: string) => {
    setMessage(text);
    setEditing(null);
    router.refresh();
  };
  const failure = (err: unknown) => (err instanceof Error ? err.message : "Something went wrong. Try again.");

  return (
    <div className="grid gap-6">
      {labels.length === 0 ? (
        <p className="text-sm text-slate-600">This project has no labels yet.</p>
      ) : (
        <Table aria-label="Labels">
          <thead>
            <tr>
              <Th>Label</Th>
              <Th>Kind</Th>
              <Th>Hotkey</Th>
              <Th className="hidden md:table-cell">In use</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {labels.map((label) =>
              editing === label.id ? (
                <tr key={label.id}>
                  <td colSpan={5} className="border-b border-slate-100 px-3 py-4">
                    <LabelForm
                      idPrefix={`edit-label-${label.id}`}
                      initial={label}
                      submitLabel={`Save label ${label.name}`}
                      onCancel={() => setEditing(null)}
                      onSubmit={async (input) => {
                        try {
                          await labelsApi.update(label.id, input);
                          done(`Label ${input.name} saved.`);
                          return null;
                        } catch (err) {
                          return failure(err);
                        }
                      }}
                    />
                  </td>
                </tr>
              ) : (
                <tr key={label.id}>
                  <Td>
                    <span className="inline-flex items-center gap-2 font-medium text-slate-900">
                      <LabelSwatch color={label.color} className="size-3.5" />
                      {label.name}
                      <span className="sr-only">, colour {label.color}</span>
                    </span>
                    {label.description && <p className="mt-0.5 text-xs text-slate-600">{label.description}</p>}
                  </Td>
                  <Td className="text-slate-700">{label.kind}</Td>
                  <Td>{label.hotkey ? <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">{label.hotkey}</kbd> : <span className="text-slate-600">—</span>}</Td>
                  <Td className="hidden tabular-nums text-slate-700 md:table-cell">{label.annotationCount ?? "—"}</Td>
                  <Td>
                    <div className="flex items-start justify-end gap-2">
                      <Button variant="outline" size="sm" onClick={() => setEditing(label.id)}>
                        Edit<span className="sr-only"> label {label.name}</span>
                      </Button>
                      <DeleteLabel label={label} onDeleted={() => done(`Label ${label.name} deleted.`)} />
                    </div>
                  </Td>
                </tr>
              ),
            )}
          </tbody>
        </Table>
      )}
      {message && <Alert variant="success">{message}</Alert>}
      <div className="border-t border-slate-200 pt-6">
        <h3 className="mb-3 text-sm font-semibold text-slate-900">Add a label</h3>
        <LabelForm
          idPrefix="new-label"
          submitLabel="Add label"
          onSubmit={async (input) => {
            try {
              await labelsApi.create(projectId, input);
              done(`Label ${input.name} added.`);
              return null;
            } catch (err) {
              return failure(err);
            }
          }}
        />
      </div>
    </div>
  );
}
