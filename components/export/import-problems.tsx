import { Table, Td, Th } from "@/components/ui/table";

export interface Problem {
  document: string | null;
  index: number | null;
  annotationId?: string;
  message: string;
}

/** The per-annotation report of a refused import. */
export function ImportProblems({ problems, more }: { problems: Problem[]; more: number }) {
  return (
    <div className="mt-3 max-h-96 overflow-y-auto rounded border border-red-200 bg-white text-slate-900">
      <Table>
        <thead>
          <tr>
            <Th>Document</Th>
            <Th>Annotation</Th>
            <Th>Problem</Th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i}>
              <Td className="align-top">{p.document ?? <span className="text-slate-500">the file</span>}</Td>
              <Td className="align-top whitespace-nowrap">
                {p.index === null ? "—" : `#${p.index + 1}`}
                {p.annotationId && <span className="block font-mono text-xs text-slate-500">{p.annotationId}</span>}
              </Td>
              <Td className="align-top">{p.message}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {more > 0 && <p className="px-3 py-2 text-xs text-slate-600">… and {more} more problems not listed.</p>}
    </div>
  );
}
