import { Table, Td, Th } from "@/components/ui/table";
import type { ThroughputDay } from "@/lib/progress/types";
import { formatDay, formatNumber } from "./format";
import { SERIES } from "./look";
import { Metric } from "./metric";
import { Section } from "./section";
import { ThroughputChart } from "./throughput-chart";

/** Work done per UTC day over the last 30 days (or since the project began). */
export function Throughput({ days }: { days: ThroughputDay[] }) {
  const totals = Object.fromEntries(SERIES.map((s) => [s.key, days.reduce((sum, d) => sum + d[s.key], 0)])) as Record<(typeof SERIES)[number]["key"], number>;
  const period = days.length > 1 ? `${formatDay(days[0]!.day)} – ${formatDay(days.at(-1)!.day)}` : days[0] ? formatDay(days[0].day) : "";
  const summary = `Line chart of work per day, ${period}: ${SERIES.map((s) => `${s.name.toLowerCase()} ${formatNumber(totals[s.key])} in all`).join(", ")}.`;
  return (
    <Section
      id="progress-throughput"
      title="Throughput"
      description={`Per UTC day, ${period}. Created counts the annotations that still exist; decisions and sign-offs count every one made.`}
      className="lg:col-span-2"
    >
      <ThroughputChart days={days} summary={summary} />
      <dl className="grid grid-cols-3 gap-4 text-sm">
        {SERIES.map((s) => (
          <div key={s.key} className="grid gap-0.5">
            <dt className="text-slate-600">{s.name}, in all</dt>
            <dd className="text-lg font-medium text-slate-900">
              <Metric metric={`throughput.sum.${s.key}`} value={totals[s.key]} />
            </dd>
          </div>
        ))}
      </dl>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium text-slate-700">Figures per day</summary>
        <Table className="mt-2">
          <thead>
            <tr>
              <Th>Day (UTC)</Th>
              {SERIES.map((s) => (
                <Th key={s.key} className="text-right">
                  {s.name}
                </Th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...days].reverse().map((d) => (
              <tr key={d.day}>
                <Td className="py-1.5">
                  <time dateTime={d.day}>{formatDay(d.day)}</time>
                </Td>
                {SERIES.map((s) => (
                  <Td key={s.key} className="py-1.5 text-right tabular-nums">
                    {formatNumber(d[s.key])}
                  </Td>
                ))}
              </tr>
            ))}
          </tbody>
        </Table>
      </details>
    </Section>
  );
}
