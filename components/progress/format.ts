import { formatNumber } from "@/components/documents/format";

export { formatNumber };

/** "1 document", "3 pending annotations": a count with its noun. */
export const counted = (count: number, noun: string) => `${formatNumber(count)} ${noun}${count === 1 ? "" : "s"}`;

/** A duration in hours as people read it: minutes under an hour, days past two. */
export function formatHours(hours: number | null): string {
  if (hours === null) return "—";
  if (hours > 0 && hours < 1 / 60) return "< 1 min";
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} d`;
}

/** A name short enough for a chart's axis; the table beside it shows it whole. */
export const shorten = (name: string, max = 22) => (name.length > max ? `${name.slice(0, max - 1)}…` : name);

export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 100)}%`;
}

// A fixed locale and UTC: the server's first render and the browser's match.
const TIME = new Intl.DateTimeFormat("en-GB", { timeStyle: "medium", timeZone: "UTC" });
const DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

export const formatTime = (iso: string) => `${TIME.format(new Date(iso))} UTC`;
/** "2026-03-02" → "2 Mar". */
export const formatDay = (day: string) => DAY.format(new Date(`${day}T00:00:00Z`));
