"use client";

import { Bar, Legend, Tooltip } from "recharts";
import type { AnnotatorProgress } from "@/lib/progress/types";
import { formatNumber, formatRate, shorten } from "./format";
import { HorizontalBars } from "./horizontal-bars";
import { INK, STATUSES, STATUS_COLORS, STATUS_NAMES, byStatusOrder } from "./look";

/** Each annotator's annotations stacked by status, the acceptance rate beside the name. */
export function AnnotatorBars({ annotators }: { annotators: AnnotatorProgress[] }) {
  const data = annotators.map((a) => ({ ...a, axis: `${shorten(a.name, 16)} · ${formatRate(a.acceptanceRate)}` }));
  const summary =
    "Stacked bar chart of annotations by annotator and status: " +
    annotators
      .map((a) => `${a.name}: ${STATUSES.map((s) => `${formatNumber(a[s])} ${s}`).join(", ")}, acceptance rate ${formatRate(a.acceptanceRate)}`)
      .join("; ") +
    ".";
  return (
    <HorizontalBars data={data} category="axis" summary={summary} extraHeight={64} nameLength={24}>
      <Tooltip formatter={(value, name) => [formatNumber(Number(value)), name]} cursor={{ fill: "#f1f5f9" }} />
      <Legend itemSorter={byStatusOrder} formatter={(value) => <span style={{ color: INK, fontSize: 13 }}>{value}</span>} />
      {STATUSES.map((status) => (
        <Bar key={status} dataKey={status} name={STATUS_NAMES[status]} stackId="status" fill={STATUS_COLORS[status]} isAnimationActive={false} maxBarSize={22} />
      ))}
    </HorizontalBars>
  );
}
