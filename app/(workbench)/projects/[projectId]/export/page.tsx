import type { Metadata } from "next";
import { PageHeader } from "@/components/app-shell/page-header";
import { ProjectTabs } from "@/components/documents/project-tabs";
import { ExportForm } from "@/components/export/export-form";
import { ImportForm } from "@/components/export/import-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/policies";
import { requireProjectPage } from "@/lib/api/session";
import { documentChoices } from "@/lib/documents/document-choices";
import { MAX_EXPORT_DOCUMENTS } from "@/lib/export/types";
import { listLabels } from "@/lib/labels/list-labels";
import { listMembers } from "@/lib/memberships/list-members";
import { getProject } from "@/lib/projects/get-project";

export const metadata: Metadata = { title: "Export · Tracewell" };

type Props = { params: Promise<{ projectId: string }>; searchParams: Promise<{ documents?: string | string[] }> };

function NotAllowed({ what }: { what: string }) {
  return <p className="text-sm text-slate-600">Owners and reviewers can {what}; ask an owner of this project if you need it.</p>;
}

export default async function ExportPage({ params, searchParams }: Props) {
  const { projectId } = await params;
  const { documents: wanted } = await searchParams;
  const { access } = await requireProjectPage(projectId, "project.read");
  const canExport = can(access.role, "export.run");
  const canImport = can(access.role, "import.run");
  const [project, labels, members, chosen] = await Promise.all([
    getProject(access),
    canExport ? listLabels({ projectId }) : [],
    canExport ? listMembers({ projectId }) : [],
    canExport ? documentChoices({ projectId, ids: String(wanted ?? "").split(",").filter(Boolean).slice(0, MAX_EXPORT_DOCUMENTS) }) : [],
  ]);

  return (
    <>
      <PageHeader title={project.name} description={project.description || undefined} />
      <ProjectTabs projectId={projectId} current="export" documentCount={project.documentCount} />
      <div className="grid gap-8">
        <Card aria-labelledby="export-title">
          <CardHeader>
            <CardTitle id="export-title">Export</CardTitle>
            <CardDescription>
              Every file states the Tracewell version, the export time and filters, the offset unit (Unicode code points, half-open) and each
              document&apos;s sha256, so its offsets can be checked against the texts anywhere.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {canExport ? (
              <ExportForm
                projectId={projectId}
                initialScope={chosen.length > 0 ? { mode: "chosen", documents: chosen } : { mode: "all" }}
                labels={labels.map((l) => ({ id: l.id, name: l.name, color: l.color }))}
                annotators={members.map((m) => ({ id: m.userId, name: m.name, email: m.email }))}
              />
            ) : (
              <NotAllowed what="export a project's annotations" />
            )}
          </CardContent>
        </Card>
        <Card aria-labelledby="import-title">
          <CardHeader>
            <CardTitle id="import-title">Import</CardTitle>
            <CardDescription>Bring annotations back from a Tracewell JSONL, W3C, brat or spaCy export, into this project.</CardDescription>
          </CardHeader>
          <CardContent>{canImport ? <ImportForm projectId={projectId} /> : <NotAllowed what="import annotations" />}</CardContent>
        </Card>
      </div>
    </>
  );
}
