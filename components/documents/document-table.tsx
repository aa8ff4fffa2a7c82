import Link from "next/link";
import { FormattedDate } from "@/components/format-date";
import { Table, Td, Th } from "@/components/ui/table";
import { StateBadge } from "@/components/workflow/state-badge";
import type { presentDocumentSummary } from "@/lib/api/presenters";
import { RowCheckbox } from "./bulk-selection";
import { formatBytes, formatNumber } from "./format";
import type { ListParams } from "./list-params";
import { SearchSnippet } from "./search-snippet";
import { SortHeader } from "./sort-header";
import { LiveCount, LivePeople } from "@/components/live/project-live";

type DocumentSummary = ReturnType<typeof presentDocumentSummary>;

function mediaLabel(mediaType: string): string {
  const known: Record<string, string> = {
    "application/pdf": "PDF",
    "text/html": "HTML",
    "text/markdown": "Markdown",
    "text/plain": "text",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
  };
  return known[mediaType.split(";")[0]!.trim()] ?? mediaType;
}

function Assignees({ workflow }: { workflow: DocumentSummary["workflow"] }) {
  if (!workflow || (workflow.annotators.length === 0 && !workflow.reviewer)) {
    return <p className="mt-1.5 text-xs text-slate-600">Not assigned</p>;
  }
  return (
    <dl className="mt-1.5 grid gap-0.5 text-xs" data-testid="assignees">
      {workflow.annotators.length > 0 && (
        <div>
          <dt className="inline text-slate-600">Annotating: </dt>
          <dd className="inline text-slate-900">{workflow.annotators.map((p) => p.name).join(", ")}</dd>
        </div>
      )}
      {workflow.reviewer && (
        <div>
          <dt className="inline text-slate-600">Reviewing: </dt>
          <dd className="inline text-slate-900">{workflow.reviewer.name}</dd>
        </div>
      )}
    </dl>
  );
}

/**
 * `selectable` (owners) adds the row checkboxes of the bulk assignment (it needs a <BulkSelection>
 * around); they sit in the title cells, so the title stays each row's first cell.
 */
export function DocumentTable({
  projectId,
  params,
  documents,
  selectable = false,
}: {
  projectId: string;
  params: ListParams;
  documents: DocumentSummary[];
  selectable?: boolean;
}) {
  const header = { projectId, params };
  return (
    <Table aria-label="Documents">
      <thead>
        <tr>
          <SortHeader {...header} sort="title" label="Title" />
          <Th>State</Th>
          <SortHeader {...header} sort="publisher" label="Publisher" />
          <SortHeader {...header} sort="publishedOn" label="Published" />
          <SortHeader {...header} sort="length" label="Size" className="text-right" />
          <SortHeader {...header} sort="annotationCount" label="Annotations" className="text-right" />
          <SortHeader {...header} sort="createdAt" label="Added" />
        </tr>
      </thead>
      <tbody>
        {documents.map((doc) => (
          <tr key={doc.id} className="align-top hover:bg-slate-50">
            <Td className="min-w-56 align-top">
              <div className="flex items-start gap-3">
                {selectable && (
                  <span className="pt-0.5">
                    <RowCheckbox documentId={doc.id} title={doc.title} />
                  </span>
                )}
                <div className="min-w-0">
                  <Link
                    href={`/projects/${projectId}/documents/${doc.id}`}
                    className="font-medium text-slate-900 underline-offset-2 hover:underline"
                    dir="auto"
                  >
                    {doc.title}
                  </Link>
                  <LivePeople documentId={doc.id} />
                  {doc.snippet && <SearchSnippet snippet={doc.snippet} />}
                </div>
              </div>
            </Td>
            <Td className="min-w-40 align-top">
              {doc.workflow && <StateBadge state={doc.workflow.state} />}
              <Assignees workflow={doc.workflow} />
            </Td>
            <Td className="align-top text-slate-700">{doc.metadata.publisher ?? <span className="text-slate-600">—</span>}</Td>
            <Td className="whitespace-nowrap align-top text-slate-700">
              <FormattedDate iso={doc.metadata.publishedOn} />
            </Td>
            <Td className="whitespace-nowrap text-right align-top">
              <span className="tabular-nums text-slate-900">{formatNumber(doc.length)}</span>{" "}
              <span className="text-xs text-slate-600">code points</span>
              <span className="block text-xs text-slate-600">
                {doc.original && doc.original.size !== null
                  ? `${mediaLabel(doc.original.mediaType)}, ${formatBytes(doc.original.size)}`
                  : "pasted text"}
              </span>
            </Td>
            <Td className="text-right align-top tabular-nums text-slate-700">
              <LiveCount documentId={doc.id} listed={doc.annotationCount ?? 0} />
            </Td>
            <Td className="whitespace-nowrap align-top text-slate-700">
              <FormattedDate iso={doc.createdAt} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
