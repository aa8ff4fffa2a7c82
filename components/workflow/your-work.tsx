import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import type { QueueItem } from "@/lib/workflow/my-queue";
import { DOCUMENT_STATES, type DocumentState } from "@/lib/workflow/states";
import { StateBadge } from "./state-badge";

/** Rows shown before "Show all": the section sits above the projects and must stay short. */
export const YOUR_WORK_ROWS = 8;

const PART = { annotator: "annotate", reviewer: "review" } as const;

function Counts({ byState }: { byState: Record<DocumentState, number> }) {
  const states = DOCUMENT_STATES.filter((state) => byState[state] > 0);
  return (
    <ul aria-label="Your documents by state" className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
      {states.map((state) => (
        <li key={state} className="flex items-center gap-1.5" data-state={state}>
          <StateBadge state={state} />
          <span className="tabular-nums text-slate-900">{byState[state]}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * "Your work", the top of the page a member lands on: the documents assigned to them (myQueue),
 * the ones waiting for their move first, with counts by state.
 */
export function YourWork({
  documents,
  byState,
  showAll,
  moreHref,
  fewerHref,
}: {
  documents: QueueItem[];
  byState: Record<DocumentState, number>;
  showAll: boolean;
  moreHref: string;
  fewerHref: string;
}) {
  const waiting = documents.filter((item) => item.yourTurn).length;
  const shown = showAll ? documents : documents.slice(0, YOUR_WORK_ROWS);
  return (
    <Card aria-labelledby="your-work-title">
      <CardHeader>
        <CardTitle id="your-work-title">Your work</CardTitle>
        <CardDescription>
          {documents.length === 0
            ? "Documents an owner assigns to you, to annotate or to review, will be listed here, the ones waiting for you first."
            : `${waiting} waiting for you, of ${documents.length} assigned to you.`}
        </CardDescription>
      </CardHeader>
      {documents.length > 0 && (
        <CardContent className="grid gap-4">
          <Counts byState={byState} />
          <Table aria-label="Your work">
            <thead>
              <tr>
                <Th>Document</Th>
                <Th className="w-44">State</Th>
                <Th className="w-44">Your part</Th>
              </tr>
            </thead>
            <tbody>
              {shown.map((item) => (
                <tr key={item.document.id} data-your-turn={item.yourTurn || undefined}>
                  <Td>
                    <Link
                      // A document waiting for its reviewer opens in review mode.
                      href={`/projects/${item.document.projectId}/documents/${item.document.id}${item.yourTurn && item.state === "in_review" && item.as.includes("reviewer") ? "?review=1" : ""}`}
                      className="font-medium text-slate-900 underline-offset-2 hover:underline"
                      dir="auto"
                    >
                      {item.document.title}
                    </Link>
                    <span className="block text-xs text-slate-600" dir="auto">
                      {item.document.projectName}
                    </span>
                  </Td>
                  <Td>
                    <StateBadge state={item.state} />
                  </Td>
                  <Td className="whitespace-nowrap">
                    <span className="text-slate-900">{item.as.map((as) => PART[as]).join(", ")}</span>
                    <span className={item.yourTurn ? "block text-xs font-medium text-slate-900" : "block text-xs text-slate-600"}>
                      {item.yourTurn ? "waiting for you" : item.state === "signed_off" ? "done" : "waiting for others"}
                    </span>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          {documents.length > YOUR_WORK_ROWS && (
            <Link href={showAll ? fewerHref : moreHref} className="justify-self-start text-sm font-medium text-slate-900 underline underline-offset-2">
              {showAll ? "Show fewer" : `Show all ${documents.length}`}
            </Link>
          )}
        </CardContent>
      )}
    </Card>
  );
}
