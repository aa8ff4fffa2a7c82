import type { AnnotationRow } from "@/lib/annotations/annotation-row";
import type { Annotation } from "@/lib/annotations/shape";
import type { AnnotationRevision, ApiToken, Label, Project, User } from "@/lib/db/generated/client";
import type { Role } from "@/lib/db/generated/enums";
import type { DocumentFields, DocumentWorkflowSummary } from "@/lib/documents/list-documents";
import type { Snippet } from "@/lib/documents/snippet";

/** Response shapes of the API, in one place so pages and routes present the same objects. */

export function presentUser(user: Pick<User, "id" | "email" | "name" | "isAdmin" | "createdAt">) {
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, createdAt: user.createdAt.toISOString() };
}

export function presentLabel(label: Label & { annotationCount?: number }) {
  return {
    id: label.id,
    name: label.name,
    kind: label.kind,
    color: label.color,
    hotkey: label.hotkey,
    description: label.description,
    ...(label.annotationCount !== undefined ? { annotationCount: label.annotationCount } : {}),
  };
}

/** An annotation with its label and author; `start`/`end` are Unicode code points, half-open. */
export function presentAnnotation(annotation: AnnotationRow): Annotation {
  const { label, author } = annotation;
  return {
    id: annotation.id,
    documentId: annotation.documentId,
    start: annotation.start,
    end: annotation.end,
    exact: annotation.exact,
    prefix: annotation.prefix,
    suffix: annotation.suffix,
    label: { id: label.id, name: label.name, kind: label.kind, color: label.color, hotkey: label.hotkey },
    attributes: (annotation.attributes ?? {}) as Annotation["attributes"],
    status: annotation.status,
    version: annotation.version,
    author: { id: author.id, name: author.name, email: author.email },
    createdAt: annotation.createdAt.toISOString(),
    updatedAt: annotation.updatedAt.toISOString(),
    // Only tombstones (shown with ?include=deleted) carry these, so live annotations keep their shape.
    // The writer sets deletedAt and deletedById together (write-annotations.ts, remove).
    ...(annotation.deletedAt ? { deletedAt: annotation.deletedAt.toISOString(), deletedById: annotation.deletedById! } : {}),
  };
}

/** One stored revision of an annotation (GET /annotations/{id}/revisions), oldest first. */
export function presentRevision(revision: AnnotationRevision) {
  return {
    annotationId: revision.annotationId,
    version: revision.version,
    op: revision.op,
    documentId: revision.documentId,
    labelId: revision.labelId,
    start: revision.start,
    end: revision.end,
    exact: revision.exact,
    prefix: revision.prefix,
    suffix: revision.suffix,
    attributes: revision.attributes ?? {},
    status: revision.status,
    deleted: revision.deleted,
    actorId: revision.actorId,
    createdAt: revision.createdAt.toISOString(),
  };
}

export function presentProject(
  project: Project & { role: Role; memberCount: number; documentCount: number; labels?: Label[] },
) {
  return {
    id: project.id,
    name: project.name,
    description: project.description,
    role: project.role,
    memberCount: project.memberCount,
    documentCount: project.documentCount,
    ...(project.labels ? { labels: project.labels.map(presentLabel) } : {}),
    createdAt: project.createdAt.toISOString(),
    updatedAt: project.updatedAt.toISOString(),
  };
}

export function presentMember(member: { userId: string; email: string; name: string; role: Role; since: Date }) {
  return { userId: member.userId, email: member.email, name: member.name, role: member.role, since: member.since.toISOString() };
}

export function presentToken(token: Omit<ApiToken, "tokenHash">) {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    scope: token.scope,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt.toISOString(),
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}

function day(value: Date | null): string | null {
  return value ? value.toISOString().slice(0, 10) : null;
}

const person = ({ id, name }: { id: string; name: string }) => ({ id, name });

function presentWorkflowSummary(workflow: DocumentWorkflowSummary) {
  return { state: workflow.state, reviewer: workflow.reviewer && person(workflow.reviewer), annotators: workflow.annotators.map(person) };
}

/**
 * A document without its text (lists, upload results). `length` counts Unicode code points. Lists
 * add `workflow`: its state and assignees (people as `{ id, name }`).
 */
export function presentDocumentSummary(
  doc: DocumentFields & { projectId?: string; annotationCount?: number; snippet?: Snippet | null; workflow?: DocumentWorkflowSummary },
) {
  return {
    id: doc.id,
    ...(doc.projectId ? { projectId: doc.projectId } : {}),
    title: doc.title,
    metadata: {
      author: doc.author,
      publisher: doc.publisher,
      publishedOn: day(doc.publishedOn),
      sourceUrl: doc.sourceUrl,
      retrievedOn: day(doc.retrievedOn),
      language: doc.language,
      direction: doc.direction,
    },
    sha256: doc.sha256,
    length: doc.length,
    original:
      doc.originalMediaType === null
        ? null
        : { filename: doc.originalFilename, mediaType: doc.originalMediaType, size: doc.originalSize },
    ...(doc.annotationCount !== undefined ? { annotationCount: doc.annotationCount } : {}),
    ...(doc.snippet ? { snippet: doc.snippet } : {}),
    ...(doc.workflow ? { workflow: presentWorkflowSummary(doc.workflow) } : {}),
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

/** One document in full: its canonical text, hashes, profile and how the text was derived. */
export function presentDocument(
  doc: DocumentFields & {
    projectId: string;
    text: string;
    originalSha256: string | null;
    profile: unknown;
    extraction: unknown;
    annotationCount: number;
    uploadedBy: { id: string; email: string; name: string } | null;
  },
) {
  const summary = presentDocumentSummary(doc);
  return {
    ...summary,
    original: summary.original && { ...summary.original, sha256: doc.originalSha256 },
    offsetUnit: "Unicode code points, half-open [start, end)",
    profile: doc.profile,
    extraction: doc.extraction,
    uploadedBy: doc.uploadedBy,
    text: doc.text,
  };
}
