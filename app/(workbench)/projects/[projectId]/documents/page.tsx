import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/app-shell/page-header";
import { BulkAssignBar } from "@/components/documents/bulk-assign-bar";
import { BulkSelection } from "@/components/documents/bulk-selection";
import { DocumentFilters } from "@/components/documents/document-filters";
import { DocumentTable } from "@/components/documents/document-table";
import { ProjectLive } from "@/components/live/project-live";
import { currentCursor } from "@/lib/live/feed";
import { isFiltered, listHref, parseListParams, type ListParams } from "@/components/documents/list-params";
import { PasteTextForm } from "@/components/documents/paste-text-form";
import { ProjectTabs } from "@/components/documents/project-tabs";
import { UploadPanel } from "@/components/documents/upload-panel";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { presentDocumentSummary } from "@/lib/api/presenters";
import { can, type Action } from "@/lib/auth/policies";
import { requireProjectPage } from "@/lib/api/session";
import { listDocuments } from "@/lib/documents/list-documents";
import { listPublishers } from "@/lib/documents/list-publishers";
import { listLabels } from "@/lib/labels/list-labels";
import { listMembers } from "@/lib/memberships/list-members";
import { AppError } from "@/lib/errors";
import { ingestLimits } from "@/lib/ingest/limits";
import { getProject } from "@/lib/projects/get-project";
import { pasteTextAction } from "./actions";

export const metadata: Metadata = { title: "Documents · Tracewell" };

type Props = {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** A stale or hand-edited cursor is a message with a way back, not an error page. */
async function loadPage(projectId: string, list: ListParams) {
  try {
    return await listDocuments({ projectId, query: list });
  } catch (err) {
    if (err instanceof AppError && err.code === "bad_request") return { documents: [], nextCursor: null, problem: err.message };
    throw err;
  }
}

export default async function DocumentsPage({ params, searchParams }: Props) {
  const { projectId } = await params;
  const { access } = await requireProjectPage(projectId, "document.read");
  const list = parseListParams(await searchParams);
  // Read before the list: the live counts add what changed after it.
  const liveCursor = await currentCursor();
  const canCreate = can(access.role, "document.create");
  const canAssign = can(access.role, "document.assign");
  const [project, publishers, page, labels, members] = await Promise.all([
    getProject(access),
    listPublishers({ projectId }),
    loadPage(projectId, list),
    list.label ? listLabels({ projectId }) : [],
    canAssign || list.author ? listMembers({ projectId }) : [],
  ]);
  const documents = page.documents.map(presentDocumentSummary);
  const filtered = isFiltered(list);
  const people = (action: Action = "project.read") => members.filter((m) => can(m.role, action)).map((m) => ({ id: m.userId, name: m.name }));
  const table = <DocumentTable projectId={projectId} params={list} documents={documents} selectable={canAssign} />;

  return (
    <>
      <PageHeader title={project.name} description={project.description || undefined} />
      <ProjectTabs projectId={projectId} current="documents" documentCount={project.documentCount} />
      <div className="grid gap-8">
        {canCreate && (
          <Card aria-labelledby="add-documents-title">
            <CardHeader>
              <CardTitle id="add-documents-title">Add documents</CardTitle>
              <CardDescription>
                Each file is kept byte for byte; its text is stored exactly, hashed, and never changes afterwards.
              </CardDescription>
            </CardHeader>
            <CardContent className="grid items-start gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
              <UploadPanel projectId={projectId} maxFileBytes={ingestLimits().maxFileBytes} />
              <section aria-labelledby="paste-text-title" className="grid gap-3 lg:border-l lg:border-slate-200 lg:pl-8">
                <h3 id="paste-text-title" className="text-sm font-semibold text-slate-900">
                  Paste text
                </h3>
                <PasteTextForm action={pasteTextAction.bind(null, projectId)} projectId={projectId} />
              </section>
            </CardContent>
          </Card>
        )}
        <Card aria-labelledby="documents-title">
          <CardHeader>
            <CardTitle id="documents-title">Documents</CardTitle>
            <CardDescription>
              {list.q ? "Best matches first; click a column to sort by it instead." : "Newest first; click a column to sort by it."}
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-5">
            <DocumentFilters projectId={projectId} params={list} publishers={publishers} names={{ labels, people: people() }} />
            {"problem" in page && page.problem ? (
              <Alert variant="warning">
                This page link is out of date ({page.problem}).{" "}
                <Link href={listHref(projectId, { ...list, cursor: undefined })} className="font-medium underline">
                  Go to the first page
                </Link>
                .
              </Alert>
            ) : documents.length === 0 ? (
              <div className="rounded-lg border border-dashed border-slate-300 p-10 text-center">
                <p className="font-medium text-slate-900">{filtered ? "No documents match" : "No documents yet"}</p>
                <p className="mt-1 text-sm text-slate-600">
                  {filtered
                    ? "Try other words, or remove some of the filters."
                    : canCreate
                      ? "Drop files above or paste a text to add the first one."
                      : "Annotators and owners can add documents."}
                </p>
              </div>
            ) : (
              <ProjectLive projectId={projectId} cursor={liveCursor}>
                {canAssign ? (
                  <BulkSelection documentIds={documents.map((doc) => doc.id)}>
                    <div className="grid gap-4">
                      <BulkAssignBar
                        projectId={projectId}
                        annotators={people("annotation.create")}
                        reviewers={people("document.signoff")}
                      />
                      {table}
                    </div>
                  </BulkSelection>
                ) : (
                  table
                )}
              </ProjectLive>
            )}
            {(list.cursor || page.nextCursor) && (
              <nav aria-label="Pagination" className="flex gap-2">
                {list.cursor && (
                  <Button asChild variant="outline" size="sm">
                    <Link href={listHref(projectId, { ...list, cursor: undefined })}>First page</Link>
                  </Button>
                )}
                {page.nextCursor && (
                  <Button asChild variant="outline" size="sm">
                    <Link href={listHref(projectId, { ...list, cursor: page.nextCursor })}>Next page</Link>
                  </Button>
                )}
              </nav>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
