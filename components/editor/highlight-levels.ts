/**
 * Nesting levels for overlapping highlights: each highlight gets the lowest level that no
 * highlight overlapping it already uses, so any two overlapping highlights differ in level and
 * draw their colour bands at different heights. Greedy by start position, which for intervals
 * uses no more levels than the deepest overlap.
 */

export interface Interval {
  from: number;
  to: number;
}

/** Levels for a batch, in input order. O(n log n + n·depth). */
export function assignLevels(intervals: readonly Interval[]): number[] {
  const order = intervals.map((_, i) => i).sort((a, b) => intervals[a]!.from - intervals[b]!.from || intervals[b]!.to - intervals[a]!.to);
  const levelEnds: number[] = [];
  const levels = new Array<number>(intervals.length);
  for (const i of order) {
    const { from, to } = intervals[i]!;
    let level = levelEnds.findIndex((end) => end <= from);
    if (level === -1) level = levelEnds.length;
    levelEnds[level] = to;
    levels[i] = level;
  }
  return levels;
}

/** The lowest level not in `used`. */
export function freeLevel(used: Iterable<number>): number {
  const taken = new Set(used);
  let level = 0;
  while (taken.has(level)) level++;
  return level;
}
