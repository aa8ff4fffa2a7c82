import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { formatNumber } from "./format";

/**
 * One number of the dashboard. `metric` names it as a path into the progress answer
 * (`annotations.byLabel[<id>].pending`) and `data-value` holds it unformatted, so a test can
 * compare every number on the page with GET …/progress. With `href`, it links to the list of
 * what it counts.
 */
export function Metric({
  metric,
  value,
  text,
  href,
  label,
  className,
}: {
  metric: string;
  value: number | null;
  /** Shown instead of the number (a rate, a duration). */
  text?: string;
  href?: string;
  /** For screen readers, when the number alone would not say what it counts. */
  label?: string;
  className?: string;
}) {
  const shown = text ?? (value === null ? "—" : formatNumber(value));
  const common = { "data-metric": metric, "data-value": value === null ? "" : String(value), className: cn("tabular-nums", className) };
  if (!href) {
    // A plain span may not carry aria-label: the words go in hidden text instead.
    return (
      <span {...common}>
        <span aria-hidden={label ? true : undefined}>{shown}</span>
        {label && <span className="sr-only">{label}</span>}
      </span>
    );
  }
  return (
    <Link
      href={href}
      {...common}
      aria-label={label}
      className={cn(common.className, "font-medium text-slate-900 underline decoration-slate-300 underline-offset-2 hover:decoration-slate-900")}
    >
      {shown}
    </Link>
  );
}
