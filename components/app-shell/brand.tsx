import Link from "next/link";
import { cn } from "@/components/ui/cn";

/** The wordmark: a small trace line into a dot, then the name. */
export function Brand({ href, className }: { href: string; className?: string }) {
  return (
    <Link href={href} className={cn("inline-flex items-center gap-2 font-semibold tracking-tight text-slate-900", className)}>
      <svg aria-hidden viewBox="0 0 24 24" className="size-6" fill="none">
        <rect width="24" height="24" rx="6" className="fill-slate-900" />
        <path d="M6 16h5l2-8h5" stroke="white" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
        <circle cx="18" cy="8" r="1.6" fill="#f59e0b" />
      </svg>
      Tracewell
    </Link>
  );
}
