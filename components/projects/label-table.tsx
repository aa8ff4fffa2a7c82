import type { presentLabel } from "@/lib/api/presenters";
import { Table, Td, Th } from "@/components/ui/table";

type Label = ReturnType<typeof presentLabel>;

export function LabelTable({ labels }: { labels: Label[] }) {
  if (labels.length === 0) return <p className="text-sm text-slate-600">This project has no labels yet.</p>;
  return (
    <Table aria-label="Labels">
      <thead>
        <tr>
          <Th>Label</Th>
          <Th>Kind</Th>
          <Th>Hotkey</Th>
          <Th className="hidden md:table-cell">Description</Th>
        </tr>
      </thead>
      <tbody>
        {labels.map((label) => (
          <tr key={label.id}>
            <Td>
              <span className="inline-flex items-center gap-2 font-medium text-slate-900">
                <span
                  aria-hidden
                  className="size-3.5 shrink-0 rounded-sm ring-1 ring-black/10"
                  style={{ backgroundColor: label.color }}
                />
                {label.name}
                <span className="sr-only">, colour {label.color}</span>
              </span>
            </Td>
            <Td className="text-slate-700">{label.kind}</Td>
            <Td>
              {label.hotkey ? (
                <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-800 shadow-[inset_0_-1px_0_var(--color-slate-300)]">
                  {label.hotkey}
                </kbd>
              ) : (
                <span className="text-slate-600">—</span>
              )}
            </Td>
            <Td className="hidden text-slate-600 md:table-cell">{label.description}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
