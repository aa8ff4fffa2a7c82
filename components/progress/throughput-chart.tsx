"use client";

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { ThroughputDay } from "@/lib/progress/types";
import { ChartFrame } from "./chart-frame";
import { formatDay, formatNumber } from "./format";
import { GRID, INK, SERIES } from "./look";

const tick = { fill: INK, fontSize: 12 };

export function ThroughputChart({ days, summary }: { days: ThroughputDay[]; summary: string }) {
  return (
    <ChartFrame summary={summary} height={260}>
      <LineChart responsive data={days} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 4, left: 0 }} style={{ width: "100%", height: "100%" }}>
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis dataKey="day" tickFormatter={formatDay} tick={tick} stroke={GRID} minTickGap={24} />
        <YAxis allowDecimals={false} tick={tick} stroke={GRID} width={40} />
        <Tooltip labelFormatter={(day) => formatDay(String(day))} formatter={(value, name) => [formatNumber(Number(value)), name]} />
        <Legend formatter={(value) => <span style={{ color: INK, fontSize: 13 }}>{value}</span>} />
        {SERIES.map((s) => (
          <Line
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={s.name}
            stroke={s.color}
            strokeWidth={2}
            strokeDasharray={s.dash}
            dot={days.length <= 14 ? { r: 3 } : false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ChartFrame>
  );
}
