import Link from "next/link";
import type { presentProject } from "@/lib/api/presenters";
import { RoleBadge } from "./role-badge";

type Project = ReturnType<typeof presentProject>;

function plural(count: number, one: string, many: string) {
  return `${count} ${count === 1 ? one : many}`;
}

export function ProjectList({ projects }: { projects: Project[] }) {
  if (projects.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
        <p className="font-medium text-slate-900">No projects yet</p>
        <p className="mt-1 text-sm text-slate-600">Create one, or ask a project owner to add you by your email address.</p>
      </div>
    );
  }
  return (
    <ul aria-label="Your projects" className="grid gap-3">
      {projects.map((project) => (
        <li key={project.id}>
          <Link
            href={`/projects/${project.id}`}
            className="group block rounded-lg border border-slate-200 bg-white p-5 shadow-sm transition-colors hover:border-slate-400"
          >
            <div className="flex flex-wrap items-start justify-between gap-3">
              <h2 className="text-base font-semibold text-slate-900 group-hover:underline">{project.name}</h2>
              <RoleBadge role={project.role} />
            </div>
            {project.description && <p className="mt-1 line-clamp-2 text-sm text-slate-600">{project.description}</p>}
            <p className="mt-3 text-xs text-slate-600">
              {plural(project.memberCount, "member", "members")} · {plural(project.documentCount, "document", "documents")}
            </p>
          </Link>
        </li>
      ))}
    </ul>
  );
}
