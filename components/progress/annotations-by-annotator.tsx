import { Table, Td, Th } from "@/components/ui/table";
import type { ProjectProgress } from "@/lib/progress/types";
import { AnnotatorBars } from "./annotator-bars";
import { formatRate } from "./format";
import { Metric } from "./metric";
import { Section } from "./section";
import { StatusCells, StatusHeads } from "./status-cells";

/** Who annotated what, and how much of it reviewers accepted. */
export function AnnotationsByAnnotator({ projectId, byAnnotator }: { projectId: string; byAnnotator: ProjectProgress["annotations"]["byAnnotator"] }) {
  return (
    <Section
      id="progress-annotators"
      title="Annotations by annotator"
      description="Acceptance rate: accepted of the annotator's decided annotations (— until one is decided)."
      wide
      empty={byAnnotator.length === 0 && "Nobody has annotated yet."}
    >
      <AnnotatorBars annotators={byAnnotator} />
      <Table>
        <thead>
          <tr>
            <Th>Annotator</Th>
            <StatusHeads />
            <Th className="px-2 text-right">Acceptance</Th>
          </tr>
        </thead>
        <tbody>
          {byAnnotator.map((a) => (
            <tr key={a.userId}>
              <Td className="py-2 text-slate-900">{a.name}</Td>
              <StatusCells projectId={projectId} metric={`annotations.byAnnotator[${a.userId}]`} row={a} filter={{ author: a.userId }} who={`by ${a.name}`} />
              <Td className="px-2 py-2 text-right">
                <Metric
                  metric={`annotations.byAnnotator[${a.userId}].acceptanceRate`}
                  value={a.acceptanceRate}
                  text={formatRate(a.acceptanceRate)}
                  label={a.acceptanceRate === null ? "no decisions yet" : undefined}
                />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Section>
  );
}
