import { Table, Td, Th } from "@/components/ui/table";
import type { ProjectProgress } from "@/lib/progress/types";
import { CategoryBars } from "./category-bars";
import { formatNumber } from "./format";
import { StatusCells, StatusHeads } from "./status-cells";
import { Section } from "./section";

/** What the annotations are: each label's count, the most used first, unused labels too. */
export function AnnotationsByLabel({ projectId, byLabel }: { projectId: string; byLabel: ProjectProgress["annotations"]["byLabel"] }) {
  const data = byLabel.map((l) => ({ key: l.labelId, name: l.name, value: l.total, color: l.color }));
  return (
    <Section
      id="progress-labels"
      title="Annotations by label"
      description="Each label in its own colour; the table splits it by review status."
      wide
      empty={byLabel.length === 0 && "This project has no labels yet."}
    >
      <CategoryBars
        data={data}
        valueName="Annotations"
        summary={`Bar chart of annotations by label: ${data.map((d) => `${d.name} ${formatNumber(d.value)}`).join(", ")}.`}
      />
      <Table>
        <thead>
          <tr>
            <Th>Label</Th>
            <StatusHeads />
          </tr>
        </thead>
        <tbody>
          {byLabel.map((label) => (
            <tr key={label.labelId}>
              <Td className="py-2">
                <span className="flex items-center gap-2">
                  <span aria-hidden className="size-3 shrink-0 rounded-sm border border-black/10" style={{ background: label.color }} />
                  <span className="truncate text-slate-900">{label.name}</span>
                </span>
              </Td>
              <StatusCells
                projectId={projectId}
                metric={`annotations.byLabel[${label.labelId}]`}
                row={label}
                filter={{ label: label.labelId }}
                who={`labelled ${label.name}`}
              />
            </tr>
          ))}
        </tbody>
      </Table>
    </Section>
  );
}
