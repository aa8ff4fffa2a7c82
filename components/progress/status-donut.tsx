"use client";

import { Legend, Pie, PieChart, Tooltip } from "recharts";
import type { StatusCounts } from "@/lib/progress/types";
import { ChartFrame } from "./chart-frame";
import { formatNumber } from "./format";
import { INK, STATUSES, STATUS_COLORS, STATUS_NAMES, byStatusOrder } from "./look";

/** The annotations' review statuses as a ring, each part named in the legend with its count. */
export function StatusDonut({ byStatus, total }: { byStatus: StatusCounts; total: number }) {
  const data = STATUSES.map((status) => ({ name: STATUS_NAMES[status], value: byStatus[status], fill: STATUS_COLORS[status] }));
  const summary = `Ring chart of ${formatNumber(total)} annotations by status: ${data.map((d) => `${d.name} ${formatNumber(d.value)}`).join(", ")}.`;
  return (
    <ChartFrame summary={summary} height={220}>
      <PieChart responsive accessibilityLayer={false} style={{ width: "100%", height: "100%" }}>
        {total === 0 ? (
          <Pie data={[{ name: "None yet", value: 1, fill: "#e2e8f0" }]} dataKey="value" innerRadius="58%" outerRadius="85%" stroke="none" isAnimationActive={false} />
        ) : (
          <Pie data={data} dataKey="value" nameKey="name" innerRadius="58%" outerRadius="85%" paddingAngle={data.filter((d) => d.value > 0).length > 1 ? 2 : 0} isAnimationActive={false} />
        )}
        <Tooltip formatter={(value, name) => [formatNumber(Number(value)), name]} />
        <Legend
          position="right"
          itemSorter={byStatusOrder}
          iconType="circle"
          formatter={(_, entry) => {
            const row = data.find((d) => d.name === entry.value);
            return <span style={{ color: INK, fontSize: 13 }}>{row ? `${row.name}: ${formatNumber(row.value)}` : entry.value}</span>;
          }}
        />
      </PieChart>
    </ChartFrame>
  );
}
