import { ANNOTATION_STATUSES } from "@/lib/annotations/attribute-values";
import type { DocumentState } from "@/lib/workflow/states";
import type { StatusCounts } from "@/lib/progress/types";

export type Status = keyof StatusCounts;
export const STATUSES: readonly Status[] = ANNOTATION_STATUSES;
export const STATUS_NAMES: Record<Status, string> = { pending: "Pending", accepted: "Accepted", rejected: "Rejected" };

/** Legends list the statuses in this order (recharts sorts them alphabetically otherwise). */
export const byStatusOrder = (item: { value?: unknown }) => Object.values(STATUS_NAMES).indexOf(String(item.value));

/**
 * Chart colours, the 600 tones of the badges' hues (components/workflow/state-badge.tsx), so a
 * state looks alike in lists and charts. Every chart also names what each colour stands for.
 */
export const STATE_COLORS: Record<DocumentState, string> = {
  not_started: "#64748b",
  in_progress: "#0284c7",
  in_review: "#d97706",
  changes_requested: "#dc2626",
  signed_off: "#059669",
};

export const STATUS_COLORS: Record<Status, string> = { pending: "#d97706", accepted: "#059669", rejected: "#dc2626" };

/** Axis and label text: slate-600, readable on white. */
export const INK = "#475569";
export const GRID = "#e2e8f0";

/** The throughput chart's series, told apart by colour, by dash and by the legend's words. */
export const SERIES = [
  { key: "created", name: "Annotations created", color: "#0284c7", dash: undefined },
  { key: "reviewed", name: "Review decisions", color: "#7c3aed", dash: "6 3" },
  { key: "signedOff", name: "Sign-offs", color: "#059669", dash: "2 3" },
] as const;
