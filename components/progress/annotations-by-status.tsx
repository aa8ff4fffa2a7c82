import type { ProjectProgress } from "@/lib/progress/types";
import { counted, formatNumber, formatRate } from "./format";
import { STATUSES, STATUS_COLORS, STATUS_NAMES } from "./look";
import { documentsHref } from "./links";
import { Metric } from "./metric";
import { Section } from "./section";
import { StatusDonut } from "./status-donut";

/** How far review has come over all live annotations. */
export function AnnotationsByStatus({ projectId, annotations }: { projectId: string; annotations: ProjectProgress["annotations"] }) {
  const { byStatus, total } = annotations;
  const decided = byStatus.accepted + byStatus.rejected;
  return (
    <Section id="progress-statuses" title="Annotations by status" description="Every live annotation of the project, by its review decision.">
      <StatusDonut byStatus={byStatus} total={total} />
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-4">
        {STATUSES.map((status) => (
          <div key={status} className="grid gap-0.5">
            <dt className="flex items-center gap-1.5 text-slate-600">
              <span aria-hidden className="size-2.5 rounded-full" style={{ background: STATUS_COLORS[status] }} />
              {STATUS_NAMES[status]}
            </dt>
            <dd className="text-lg">
              <Metric
                metric={`annotations.byStatus.${status}`}
                value={byStatus[status]}
                href={documentsHref(projectId, { status })}
                label={counted(byStatus[status], `${status} annotation`)}
              />
            </dd>
          </div>
        ))}
        <div className="grid gap-0.5">
          <dt className="text-slate-600">All</dt>
          <dd className="text-lg">
            <Metric metric="annotations.total" value={total} href={documentsHref(projectId, {})} label={`All annotations: ${formatNumber(total)}`} />
          </dd>
        </div>
      </dl>
      <p className="text-sm text-slate-600">
        Accepted of those decided: <span className="font-medium text-slate-900">{formatRate(decided ? byStatus.accepted / decided : null)}</span>
        {decided === 0 && " (nothing decided yet)"}
      </p>
    </Section>
  );
}
