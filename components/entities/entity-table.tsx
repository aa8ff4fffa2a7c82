"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { AliasChips } from "./alias-chips";
import { entitiesApi } from "./entities-api";
import { ExternalIds } from "./external-ids";
import { MergePanel } from "./merge-panel";
import { typeName } from "./type-names";

export interface EntityRow {
  id: string;
  name: string;
  type: string;
  aliases: string[];
  externalIds: Record<string, string>;
  mentions: number;
}

type Message = { kind: "success" | "error"; text: string };

/** The project's entities; owners and reviewers may pick several and merge them into one. */
export function EntityTable({ projectId, entities, canMerge }: { projectId: string; entities: EntityRow[]; canMerge: boolean }) {
  const router = useRouter();
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [merging, setMerging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  // A refresh or a new search may drop rows: what is no longer listed is no longer chosen.
  const chosen = entities.filter((e) => picked.has(e.id));

  const toggle = (id: string, on: boolean) =>
    setPicked((before) => {
      const next = new Set(before);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  async function merge(target: EntityRow, from: EntityRow[]) {
    setBusy(true);
    setMessage(null);
    try {
      await entitiesApi.merge(target.id, from.map((e) => e.id));
      setMessage({ kind: "success", text: `Merged ${from.map((e) => e.name).join(", ")} into ${target.name}.` });
      setPicked(new Set());
      setMerging(false);
      router.refresh();
    } catch (err) {
      setMessage({ kind: "error", text: err instanceof Error ? err.message : "The entities could not be merged. Try again." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="grid gap-4">
      {canMerge && (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span className="text-slate-600" aria-live="polite">
            {chosen.length === 0 ? "Select two or more entities to merge them." : `${chosen.length} selected`}
          </span>
          <Button variant="outline" size="sm" disabled={chosen.length < 2 || merging} onClick={() => setMerging(true)}>
            Merge into…
          </Button>
        </div>
      )}
      {merging && chosen.length >= 2 && <MergePanel chosen={chosen} busy={busy} onMerge={merge} onCancel={() => setMerging(false)} />}
      {message && <Alert variant={message.kind === "error" ? "destructive" : "success"}>{message.text}</Alert>}
      <Table aria-label="Entities">
        <thead>
          <tr>
            {canMerge && (
              <Th className="w-8">
                <span className="sr-only">Select</span>
              </Th>
            )}
            <Th>Name</Th>
            <Th>Type</Th>
            <Th>Aliases</Th>
            <Th className="hidden md:table-cell">External ids</Th>
            <Th className="text-right">Mentions</Th>
          </tr>
        </thead>
        <tbody>
          {entities.map((entity) => (
            <tr key={entity.id} data-entity-id={entity.id}>
              {canMerge && (
                <Td>
                  <input
                    type="checkbox"
                    className="size-4 cursor-pointer rounded border-slate-400 accent-slate-900"
                    aria-label={`Select ${entity.name}`}
                    checked={picked.has(entity.id)}
                    onChange={(event) => toggle(entity.id, event.target.checked)}
                  />
                </Td>
              )}
              <Td className="font-medium">
                <Link href={`/projects/${projectId}/entities/${entity.id}`} className="text-slate-900 underline-offset-2 hover:underline">
                  <bdi dir="auto">{entity.name}</bdi>
                </Link>
              </Td>
              <Td className="whitespace-nowrap text-slate-700">{typeName(entity.type)}</Td>
              <Td>
                <AliasChips aliases={entity.aliases} />
              </Td>
              <Td className="hidden md:table-cell">
                <ExternalIds ids={entity.externalIds} />
              </Td>
              <Td className="text-right tabular-nums text-slate-700">{entity.mentions}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
