import Link from "next/link";
import { cn } from "@/components/ui/cn";

/** Overview | Documents | Entities | Progress | Export: the sections of one project, under its page header. */
export function ProjectTabs({
  projectId,
  current,
  documentCount,
}: {
  projectId: string;
  current: "overview" | "documents" | "entities" | "progress" | "export";
  documentCount?: number;
}) {
  const tabs = [
    { key: "overview", href: `/projects/${projectId}`, label: "Overview" },
    { key: "documents", href: `/projects/${projectId}/documents`, label: "Documents", count: documentCount },
    { key: "entities", href: `/projects/${projectId}/entities`, label: "Entities" },
    { key: "progress", href: `/projects/${projectId}/progress`, label: "Progress" },
    { key: "export", href: `/projects/${projectId}/export`, label: "Export" },
  ] as const;
  return (
    <nav aria-label="Project sections" className="-mt-4 mb-8 border-b border-slate-200">
      <ul className="flex gap-1">
        {tabs.map((tab) => {
          const active = tab.key === current;
          return (
            <li key={tab.key}>
              <Link
                href={tab.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "-mb-px inline-flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium transition-colors",
                  active ? "border-slate-900 text-slate-900" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
                )}
              >
                {tab.label}
                {"count" in tab && tab.count !== undefined && (
                  <span className="rounded-full bg-slate-100 px-1.5 py-0.5 text-xs tabular-nums text-slate-700">{tab.count}</span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
