import type { Role } from "@/lib/db/generated/enums";
import { RoleBadge } from "./role-badge";

export function ProjectFacts({ role, memberCount, documentCount }: { role: Role; memberCount: number; documentCount: number }) {
  return (
    <dl className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm text-slate-600">
      <div className="flex items-center gap-2">
        <dt>Your role</dt>
        <dd>
          <RoleBadge role={role} />
        </dd>
      </div>
      <div className="flex items-center gap-1.5">
        <dt className="sr-only">Members</dt>
        <dd>
          <span className="font-medium text-slate-900">{memberCount}</span> {memberCount === 1 ? "member" : "members"}
        </dd>
      </div>
      <div className="flex items-center gap-1.5">
        <dt className="sr-only">Documents</dt>
        <dd>
          <span className="font-medium text-slate-900">{documentCount}</span> {documentCount === 1 ? "document" : "documents"}
        </dd>
      </div>
    </dl>
  );
}
