import type { ThroughputDay } from "./types";

/** The throughput chart's window: the last 30 UTC days, today included. */
export const THROUGHPUT_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

const utcDay = (at: Date) => Math.floor(at.getTime() / DAY_MS) * DAY_MS;
const dayString = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Every UTC day from the later of (today − 29) and the project's first day up to today, as
 * YYYY-MM-DD: a continuous axis, so quiet days show as zeros instead of disappearing.
 */
export function throughputDays(now: Date, since: Date): string[] {
  const today = utcDay(now);
  const first = Math.min(today, Math.max(today - (THROUGHPUT_DAYS - 1) * DAY_MS, utcDay(since)));
  const days: string[] = [];
  for (let day = first; day <= today; day += DAY_MS) days.push(dayString(day));
  return days;
}

export type ThroughputKind = "created" | "reviewed" | "signedOff";

/** One row per day of `days`, the counts found for it or zero; counts for other days are dropped. */
export function fillDays(days: string[], counts: { day: string; kind: ThroughputKind; count: number }[]): ThroughputDay[] {
  const byDay = new Map(days.map((day) => [day, { day, created: 0, reviewed: 0, signedOff: 0 }]));
  for (const { day, kind, count } of counts) {
    const row = byDay.get(day);
    if (row) row[kind] += count;
  }
  return [...byDay.values()];
}
