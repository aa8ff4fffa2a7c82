"use client";

import { Bar, LabelList, Rectangle, Tooltip, type BarShapeProps } from "recharts";
import { formatNumber } from "./format";
import { HorizontalBars } from "./horizontal-bars";
import { INK } from "./look";

export interface CategoryBar {
  key: string;
  name: string;
  value: number;
  color: string;
}

/** Each bar in its category's own colour (a state's, a label's). */
const colouredBar = (props: BarShapeProps) => <Rectangle {...props} fill={(props.payload as CategoryBar).color} />;

/** One bar per category with its value written at its end. */
export function CategoryBars({
  data,
  valueName,
  summary,
  format = formatNumber,
}: {
  data: CategoryBar[];
  valueName: string;
  summary: string;
  format?: (value: number) => string;
}) {
  return (
    <HorizontalBars data={data} category="name" summary={summary} format={format} right={48}>
      <Tooltip formatter={(value) => [format(Number(value)), valueName]} cursor={{ fill: "#f1f5f9" }} />
      <Bar dataKey="value" name={valueName} shape={colouredBar} isAnimationActive={false} maxBarSize={22}>
        <LabelList dataKey="value" position="right" fill={INK} fontSize={12} formatter={(value) => format(Number(value))} />
      </Bar>
    </HorizontalBars>
  );
}
