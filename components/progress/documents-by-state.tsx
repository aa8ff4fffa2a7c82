import { StateBadge } from "@/components/workflow/state-badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { ProjectProgress } from "@/lib/progress/types";
import { DOCUMENT_STATES, STATE_NAMES } from "@/lib/workflow/states";
import { CategoryBars } from "./category-bars";
import { counted, formatNumber } from "./format";
import { STATE_COLORS } from "./look";
import { documentsHref } from "./links";
import { Metric } from "./metric";
import { Section } from "./section";

/** Where the project's documents stand in the workflow. */
export function DocumentsByState({ projectId, documents }: { projectId: string; documents: ProjectProgress["documents"] }) {
  const data = DOCUMENT_STATES.map((state) => ({ key: state, name: STATE_NAMES[state], value: documents.byState[state], color: STATE_COLORS[state] }));
  return (
    <Section id="progress-documents" title="Documents by state" description="Where each document stands in the review workflow.">
      <CategoryBars
        data={data}
        valueName="Documents"
        summary={`Bar chart of documents by state: ${data.map((d) => `${d.name} ${formatNumber(d.value)}`).join(", ")}.`}
      />
      <Table>
        <thead>
          <tr>
            <Th>State</Th>
            <Th className="text-right">Documents</Th>
          </tr>
        </thead>
        <tbody>
          {DOCUMENT_STATES.map((state) => (
            <tr key={state}>
              <Td className="py-2">
                <StateBadge state={state} />
              </Td>
              <Td className="py-2 text-right">
                <Metric
                  metric={`documents.byState.${state}`}
                  value={documents.byState[state]}
                  href={documentsHref(projectId, { state })}
                  label={`${counted(documents.byState[state], "document")} ${STATE_NAMES[state].toLowerCase()}`}
                />
              </Td>
            </tr>
          ))}
          <tr>
            <Td className="py-2 font-medium text-slate-900">All documents</Td>
            <Td className="py-2 text-right">
              <Metric metric="documents.total" value={documents.total} href={documentsHref(projectId, {})} label={`All documents: ${formatNumber(documents.total)}`} />
            </Td>
          </tr>
        </tbody>
      </Table>
    </Section>
  );
}
