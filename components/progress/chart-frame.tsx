"use client";

import { useSyncExternalStore, type ReactNode } from "react";

const noSubscription = () => () => {};

/**
 * Where a chart goes: drawn in the browser only (it measures its box), after hydration, so the
 * server's HTML and the first client render agree. For assistive technology the chart is one
 * image described by `summary`; the table beside it holds its numbers.
 */
export function ChartFrame({ summary, height = 240, children }: { summary: string; height?: number; children: ReactNode }) {
  const mounted = useSyncExternalStore(noSubscription, () => true, () => false);
  return (
    <div role="img" aria-label={summary} className="w-full min-w-0" style={{ height }}>
      {mounted ? children : null}
    </div>
  );
}
