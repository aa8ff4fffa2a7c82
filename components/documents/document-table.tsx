import Link from "next/link";
import { FormattedDate } from "@/components/format-date";
import { Table, Td, Th } from "@/components/ui/table";
import type { presentDocumentSummary } from "@/lib/api/presenters";
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

export function DocumentTable({ projectId, params, documents }: { projectId: string; params: ListParams; documents: DocumentSummary[] }) {
  const header = { projectId, params };
  return (
    <Table aria-label="Documents">
      <thead>
        <tr>
          <SortHeader {...header} sort="title" label="Title" />
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
              <Link
                href={`/projects/${projectId}/documents/${doc.id}`}
                className="font-medium text-slate-900 underline-offset-2 hover:underline"
                dir="auto"
              >
                {doc.title}
              </Link>
              <LivePeople documentId={doc.id} />
              {doc.snippet && <SearchSnippet snippet={doc.snippet} />}
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
