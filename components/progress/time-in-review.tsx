import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import { REVIEW_DOCUMENTS_SHOWN, type ProjectProgress } from "@/lib/progress/types";
import { CategoryBars } from "./category-bars";
import { counted, formatHours, formatNumber } from "./format";
import { STATE_COLORS } from "./look";
import { documentHref, documentsHref } from "./links";
import { Metric } from "./metric";
import { Section } from "./section";

const OPEN = STATE_COLORS.in_review;
const DONE = "#64748b";

/** How long documents wait in review: median and 90th percentile, and the longest stays. */
export function TimeInReview({ projectId, time, inReviewNow }: { projectId: string; time: ProjectProgress["timeInReview"]; inReviewNow: number }) {
  const data = time.byDocument.map((d) => ({ key: d.documentId, name: d.open ? `${d.title} (open)` : d.title, value: d.hours, color: d.open ? OPEN : DONE }));
  const figures = [
    { term: "Ever in review", metric: <Metric metric="timeInReview.documents" value={time.documents} /> },
    {
      term: "In review now",
      metric: <Metric metric="documents.byState.in_review" value={inReviewNow} href={documentsHref(projectId, { state: "in_review" })} label={`${counted(inReviewNow, "document")} in review now`} />,
    },
    { term: "Median", metric: <Metric metric="timeInReview.medianHours" value={time.medianHours} text={formatHours(time.medianHours)} /> },
    { term: "90th percentile", metric: <Metric metric="timeInReview.p90Hours" value={time.p90Hours} text={formatHours(time.p90Hours)} /> },
  ];
  return (
    <Section
      id="progress-review-time"
      title="Time in review"
      description="Time from submission to a decision (sent back or signed off), summed over every stay in review; open reviews count up to now."
      className="lg:col-span-2"
    >
      <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-4">
        {figures.map((f) => (
          <div key={f.term} className="grid gap-0.5">
            <dt className="text-slate-600">{f.term}</dt>
            <dd className="text-lg font-medium text-slate-900">{f.metric}</dd>
          </div>
        ))}
      </dl>
      {time.byDocument.length === 0 ? (
        <p className="text-sm text-slate-600">No document has been submitted for review yet.</p>
      ) : (
        <div className="grid gap-5 lg:grid-cols-2">
          <div className="grid gap-2">
            <CategoryBars
              data={data}
              valueName="Time in review"
              format={formatHours}
              summary={`Bar chart of the ${data.length} longest times in review: ${data.map((d) => `${d.name} ${formatHours(d.value)}`).join(", ")}.`}
            />
            <p className="flex gap-4 text-xs text-slate-600" aria-hidden>
              <span className="flex items-center gap-1.5">
                <span className="size-2.5 rounded-sm" style={{ background: OPEN }} /> still in review (open)
              </span>
              <span className="flex items-center gap-1.5">
                <span className="size-2.5 rounded-sm" style={{ background: DONE }} /> review ended
              </span>
            </p>
          </div>
          <Table>
            <caption className="mt-2 text-left text-xs text-slate-600">
              The {Math.min(REVIEW_DOCUMENTS_SHOWN, time.documents)} longest of {formatNumber(time.documents)}.
            </caption>
            <thead>
              <tr>
                <Th>Document</Th>
                <Th className="text-right">In review</Th>
                <Th>Now</Th>
              </tr>
            </thead>
            <tbody>
              {time.byDocument.map((d) => (
                <tr key={d.documentId}>
                  <Td className="max-w-64 truncate py-2">
                    <Link href={documentHref(projectId, d.documentId)} className="text-slate-900 underline decoration-slate-300 underline-offset-2 hover:decoration-slate-900">
                      {d.title}
                    </Link>
                  </Td>
                  <Td className="py-2 text-right tabular-nums" data-metric={`timeInReview.byDocument[${d.documentId}].hours`} data-value={d.hours}>
                    {formatHours(d.hours)}
                  </Td>
                  <Td className="py-2 text-slate-700">{d.open ? "still in review" : "ended"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </Section>
  );
}
