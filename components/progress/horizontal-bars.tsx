"use client";

import type { ReactNode } from "react";
import { BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import { ChartFrame } from "./chart-frame";
import { formatNumber, shorten } from "./format";
import { GRID, INK } from "./look";

const ROW = 34;
const tick = { fill: INK, fontSize: 12 };

/**
 * The frame of every horizontal bar chart here: one row per category, its (shortened) name on the
 * left, so long names (“Changes requested”, a label's, a person's) stay readable in a narrow card.
 * The bars, tooltip and legend come as children.
 */
export function HorizontalBars({
  data,
  category,
  summary,
  format = formatNumber,
  extraHeight = 36,
  right = 16,
  nameLength = 22,
  children,
}: {
  data: object[];
  /** The field holding each row's name. */
  category: string;
  summary: string;
  format?: (value: number) => string;
  /** Room for the axis and a legend. */
  extraHeight?: number;
  right?: number;
  nameLength?: number;
  children: ReactNode;
}) {
  return (
    <ChartFrame summary={summary} height={Math.max(2, data.length) * ROW + extraHeight}>
      <BarChart responsive layout="vertical" data={data} accessibilityLayer={false} margin={{ top: 4, right, bottom: 4, left: 4 }} style={{ width: "100%", height: "100%" }}>
        <CartesianGrid horizontal={false} stroke={GRID} />
        <XAxis type="number" allowDecimals={false} tick={tick} tickFormatter={(value) => format(Number(value))} stroke={GRID} />
        <YAxis type="category" dataKey={category} width={150} tick={tick} tickFormatter={(name) => shorten(String(name), nameLength)} stroke={GRID} interval={0} />
        {children}
      </BarChart>
    </ChartFrame>
  );
}
