import type { Metadata } from "next";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { notFound } from "next/navigation";
import { DeleteDocument } from "@/components/documents/delete-document";
import { AnnotationWorkbench } from "@/components/annotations/annotation-workbench";
import type { Annotation } from "@/components/annotations/types";
import { Provenance } from "@/components/documents/provenance";
import { SourceMetadata } from "@/components/documents/source-metadata";
import { TextProfile } from "@/components/documents/text-profile";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { listAnnotations } from "@/lib/annotations/list-annotations";
import { presentAnnotation, presentDocument, presentLabel } from "@/lib/api/presenters";
import { gateDocument } from "@/lib/auth/gate";
import { can, viewerCapabilities } from "@/lib/auth/policies";
import { requireUser } from "@/lib/api/session";
import { getDocument } from "@/lib/documents/get-document";
import { AppError } from "@/lib/errors";
import { getProject } from "@/lib/projects/get-project";
import { currentCursor } from "@/lib/live/feed";
import { getWorkflow } from "@/lib/workflow/get-workflow";
import { deleteDocumentAction, updateMetadataAction } from "./actions";

export const metadata: Metadata = { title: "Document · Tracewell" };

type Props = {
  params: Promise<{ projectId: string; documentId: string }>;
  searchParams: Promise<{ review?: string | string[]; annotation?: string | string[]; start?: string | string[]; end?: string | string[] }>;
};

/**
 * Non-members, unknown ids and a document of another project under this project's URL all get
 * the same not-found page: other projects' documents are invisible, not forbidden.
 */
async function loadAccess(projectId: string, documentId: string) {
  const principal = await requireUser();
  try {
    const access = await gateDocument({ principal, projectId, documentId, action: "document.read" });
    return { ...access, principal };
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
}

/** `?annotation=ID` or `?start=N&end=M` (code points, checked against the text; anything else is ignored). */
function linkOf(query: { annotation?: string | string[]; start?: string | string[]; end?: string | string[] }, length: number) {
  const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
  const start = Number(one(query.start));
  const end = Number(one(query.end));
  if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= length) return { start, end };
  const annotationId = one(query.annotation);
  return annotationId && annotationId.length <= 200 ? { annotationId } : undefined;
}

export default async function DocumentPage({ params, searchParams }: Props) {
  const { projectId, documentId } = await params;
  const query = await searchParams;
  const startInReview = query.review === "1";
  const { principal, ...access } = await loadAccess(projectId, documentId);
  // Read before the annotations: the reader's live stream resumes here, so nothing falls between.
  const liveCursor = await currentCursor();
  const [project, doc, annotations, workflow] = await Promise.all([
    getProject(access),
    getDocument({ documentId }).then(presentDocument),
    listAnnotations({ documentId }).then((rows) => rows.map(presentAnnotation)),
    getWorkflow({ documentId }),
  ]);
  const values = { title: doc.title, ...doc.metadata };
  const viewer = { userId: principal.userId, name: principal.name, email: principal.email, ...viewerCapabilities(access.role) };

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-slate-600">
        <ol className="flex flex-wrap items-center gap-1.5">
          <li>
            <Link href={`/projects/${projectId}`} className="hover:text-slate-900 hover:underline">
              {project.name}
            </Link>
          </li>
          <li aria-hidden>/</li>
          <li>
            <Link href={`/projects/${projectId}/documents`} className="hover:text-slate-900 hover:underline">
              Documents
            </Link>
          </li>
        </ol>
      </nav>
      <div className="mb-8 flex flex-wrap items-start justify-between gap-4">
        <div className="grid gap-1">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
            <bdi>{doc.title}</bdi>
          </h1>
          <p className="text-sm text-slate-600">
            {[doc.metadata.author, doc.metadata.publisher].filter(Boolean).join(" · ") || "No author or publisher recorded yet."}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {can(access.role, "export.run") && (
            <Link href={`/projects/${projectId}/export?documents=${encodeURIComponent(documentId)}`} className={buttonVariants({ variant: "outline", size: "sm" })}>
              Export this document
            </Link>
          )}
          {can(access.role, "document.delete") && (
            <DeleteDocument
              action={deleteDocumentAction.bind(null, projectId, documentId)}
              title={doc.title}
              annotationCount={doc.annotationCount ?? 0}
            />
          )}
        </div>
      </div>
      <div className="grid gap-8">
        <AnnotationWorkbench
          documentId={documentId}
          liveCursor={liveCursor}
          text={doc.text}
          direction={doc.metadata.direction === "rtl" ? "rtl" : "ltr"}
          annotations={annotations as Annotation[]}
          labels={project.labels.map(presentLabel)}
          viewer={viewer}
          workflow={workflow}
          startInReview={startInReview}
          link={linkOf(query, doc.length)}
        />
        <div className="grid items-start gap-8 lg:grid-cols-3">
          <Card aria-labelledby="source-title">
            <CardHeader>
              <CardTitle id="source-title">Source</CardTitle>
              <CardDescription>Where the text was published. Every edit is recorded in the audit log.</CardDescription>
            </CardHeader>
            <CardContent>
              <SourceMetadata
                values={values}
                action={can(access.role, "document.update") ? updateMetadataAction.bind(null, projectId, documentId) : undefined}
              />
            </CardContent>
          </Card>
          <Card aria-labelledby="provenance-title">
            <CardHeader>
              <CardTitle id="provenance-title">Provenance</CardTitle>
              <CardDescription>The text never changes; its hash proves it.</CardDescription>
            </CardHeader>
            <CardContent>
              <Provenance
                documentId={documentId}
                sha256={doc.sha256}
                length={doc.length}
                offsetUnit={doc.offsetUnit}
                original={doc.original}
                extraction={doc.extraction}
                uploadedBy={doc.uploadedBy}
                createdAt={doc.createdAt}
              />
            </CardContent>
          </Card>
          <Card aria-labelledby="profile-title">
            <CardHeader>
              <CardTitle id="profile-title">Text profile</CardTitle>
              <CardDescription>What can shift offsets in other tools.</CardDescription>
            </CardHeader>
            <CardContent>
              <TextProfile profile={doc.profile} />
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
