import { z } from "zod";
import { ZAnnotation, ZAnnotationLabel, ZAnnotationStatus } from "@/lib/annotations/shape";
import { ZLabelKind } from "@/lib/labels/schemas";
import { DOCUMENT_STATES, REVIEW_DECISIONS } from "@/lib/workflow/states";

const ZRole = z.enum(["owner", "reviewer", "annotator", "viewer"]);
const ZLabelRef = ZAnnotationLabel.pick({ id: true, name: true, kind: true });
const ZAttributes = z.record(z.string(), z.json());
const change = <T extends z.ZodType>(value: T) => z.object({ from: value, to: value });
const ZState = z.enum(DOCUMENT_STATES);
/** The annotation change that moved a document on by itself (first annotation, reopening). */
const ZCause = z.object({ annotationId: z.string(), version: z.number().int(), op: z.string() });
const workflowEvent = <A extends string, D extends z.ZodRawShape>(action: A, data: D) =>
  z.object({
    action: z.literal(action),
    subjectType: z.literal("document"),
    data: z.object({ from: ZState, to: ZState, ...data }),
  });

/** An annotation as it stood: enough to restore it, or to re-verify its quote against the text. */
const ZAnnotationSnapshot = ZAnnotation.pick({
  documentId: true,
  label: true,
  start: true,
  end: true,
  exact: true,
  prefix: true,
  suffix: true,
  attributes: true,
  status: true,
}).extend({ label: ZLabelRef, attributes: ZAttributes });

/**
 * Every kind of audit event, as a closed union: recording an action that is not listed here, or
 * with data of the wrong shape, fails the transaction it belongs to.
 */
export const ZAuditEvent = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("user.created"),
    subjectType: z.literal("user"),
    data: z.object({ email: z.string(), isAdmin: z.boolean(), via: z.enum(["sign-up", "cli", "demo"]) }),
  }),
  z.object({
    /** The user's own change: the current password was checked; every session was ended with it. */
    action: z.literal("user.password_changed"),
    subjectType: z.literal("user"),
    data: z.object({ sessionsEnded: z.number().int() }),
  }),
  z.object({
    /** "Sign out everywhere": every browser session of the user ended (access tokens untouched). */
    action: z.literal("user.sessions_ended"),
    subjectType: z.literal("user"),
    data: z.object({ ended: z.number().int() }),
  }),
  z.object({
    action: z.literal("project.created"),
    subjectType: z.literal("project"),
    data: z.object({ name: z.string(), description: z.string() }),
  }),
  z.object({
    action: z.literal("project.updated"),
    subjectType: z.literal("project"),
    data: z.object({
      changes: z.record(z.string(), z.object({ from: z.string(), to: z.string() })),
    }),
  }),
  z.object({
    action: z.literal("label.created"),
    subjectType: z.literal("label"),
    data: z.object({
      name: z.string(),
      kind: z.string(),
      color: z.string(),
      hotkey: z.string().nullable(),
      description: z.string().optional(),
    }),
  }),
  z.object({
    action: z.literal("label.updated"),
    subjectType: z.literal("label"),
    data: z.object({
      changes: z.record(z.string(), z.object({ from: z.string().nullable(), to: z.string().nullable() })),
    }),
  }),
  z.object({
    action: z.literal("label.deleted"),
    subjectType: z.literal("label"),
    data: z.object({
      name: z.string(),
      kind: ZLabelKind,
      color: z.string(),
      hotkey: z.string().nullable(),
      description: z.string(),
      /** Annotations moved to `reassignedTo` first, each also recorded as its own annotation.updated. */
      movedAnnotations: z.number().int(),
      reassignedTo: z.object({ id: z.string(), name: z.string() }).nullable(),
    }),
  }),
  z.object({
    action: z.literal("annotation.created"),
    subjectType: z.literal("annotation"),
    data: ZAnnotationSnapshot,
  }),
  z.object({
    action: z.literal("annotation.updated"),
    subjectType: z.literal("annotation"),
    data: z.object({
      documentId: z.string(),
      /** The version the change produced. */
      version: z.number().int(),
      changes: z.strictObject({
        label: change(ZLabelRef).optional(),
        start: change(z.number().int()).optional(),
        end: change(z.number().int()).optional(),
        exact: change(z.string()).optional(),
        prefix: change(z.string()).optional(),
        suffix: change(z.string()).optional(),
        attributes: change(ZAttributes).optional(),
        status: change(ZAnnotationStatus).optional(),
      }),
      /** Set when the change was a side effect of another action (a label deleted with reassignment). */
      cause: z.object({ action: z.literal("label.deleted"), labelId: z.string() }).optional(),
      /** Set when the change is a review decision (issue 14); `correctedFrom`: a correct-and-accept. */
      review: z
        .object({
          id: z.string(),
          decision: z.enum(REVIEW_DECISIONS),
          reason: z.string().nullable(),
          correctedFrom: z.record(z.string(), z.json()).nullable(),
        })
        .optional(),
    }),
  }),
  z.object({
    action: z.literal("annotation.deleted"),
    subjectType: z.literal("annotation"),
    data: ZAnnotationSnapshot.extend({ version: z.number().int(), authorId: z.string() }),
  }),
  z.object({
    /** A tombstone brought back (issue 12): same id, author and history; `version` is the one it produced. */
    action: z.literal("annotation.restored"),
    subjectType: z.literal("annotation"),
    data: ZAnnotationSnapshot.extend({ version: z.number().int(), authorId: z.string() }),
  }),
  z.object({
    action: z.literal("membership.added"),
    subjectType: z.literal("membership"),
    data: z.object({ userId: z.string(), email: z.string(), role: ZRole }),
  }),
  z.object({
    action: z.literal("membership.role_changed"),
    subjectType: z.literal("membership"),
    data: z.object({ userId: z.string(), from: ZRole, to: ZRole }),
  }),
  z.object({
    action: z.literal("membership.removed"),
    subjectType: z.literal("membership"),
    data: z.object({ userId: z.string(), role: ZRole }),
  }),
  z.object({
    action: z.literal("token.created"),
    subjectType: z.literal("token"),
    // scope is absent from events written before token scopes existed (those tokens could write).
    data: z.object({ name: z.string(), prefix: z.string(), expiresAt: z.string().nullable(), scope: z.enum(["read", "write"]).optional() }),
  }),
  z.object({
    action: z.literal("document.created"),
    subjectType: z.literal("document"),
    data: z.object({
      title: z.string(),
      sha256: z.string(),
      length: z.number().int(),
      method: z.string(),
      originalFilename: z.string().nullable(),
      originalSha256: z.string().nullable(),
    }),
  }),
  z.object({
    action: z.literal("document.updated"),
    subjectType: z.literal("document"),
    data: z.object({
      changes: z.record(z.string(), z.object({ from: z.string().nullable(), to: z.string().nullable() })),
    }),
  }),
  z.object({
    action: z.literal("document.deleted"),
    subjectType: z.literal("document"),
    data: z.object({ title: z.string(), sha256: z.string() }),
  }),
  z.object({
    /** Closes an import: its annotation.created (and document.created) events come just before, in the same transaction. */
    action: z.literal("import.completed"),
    subjectType: z.literal("project"),
    data: z.object({
      format: z.enum(["jsonl", "w3c", "brat", "spacy"]),
      filename: z.string(),
      /** sha256 (hex) of the imported file's bytes. */
      fileSha256: z.string(),
      documents: z.object({ created: z.number().int(), matched: z.number().int() }),
      annotations: z.number().int(),
      /** Annotations of the file that the matched documents already had (not inserted again). */
      alreadyPresent: z.number().int().optional(),
    }),
  }),
  workflowEvent("document.started", { cause: ZCause }),
  workflowEvent("document.submitted", {}),
  workflowEvent("document.changes_requested", { comment: z.string() }),
  workflowEvent("document.signed_off", {
    signOffId: z.string(),
    annotationSetHash: z.string(),
    accepted: z.number().int(),
    rejected: z.number().int(),
  }),
  /** Any annotation change in a signed-off document: the sign-off is superseded, never silently kept. */
  workflowEvent("document.reopened", { signOffId: z.string(), cause: ZCause }),
  z.object({
    action: z.literal("document.assigned"),
    subjectType: z.literal("document"),
    data: z.object({
      annotators: change(z.array(z.string())),
      reviewer: change(z.string().nullable()),
    }),
  }),
  z.object({
    /** Issue 15: a canonical entity of the project. */
    action: z.literal("entity.created"),
    subjectType: z.literal("entity"),
    data: z.object({
      name: z.string(),
      type: z.string(),
      aliases: z.array(z.string()),
      description: z.string(),
      externalIds: z.record(z.string(), z.string()),
    }),
  }),
  z.object({
    action: z.literal("entity.updated"),
    subjectType: z.literal("entity"),
    data: z.object({ changes: z.record(z.string(), z.object({ from: z.json(), to: z.json() })) }),
  }),
  z.object({
    action: z.literal("entity.deleted"),
    subjectType: z.literal("entity"),
    data: z.object({ name: z.string(), type: z.string(), aliases: z.array(z.string()) }),
  }),
  z.object({
    /** The `from` entities now redirect here; their names and aliases became this entity's aliases. */
    action: z.literal("entity.merged"),
    subjectType: z.literal("entity"),
    data: z.object({
      from: z.array(z.object({ id: z.string(), name: z.string() })),
      aliasesAdded: z.array(z.string()),
      externalIdsAdded: z.record(z.string(), z.string()),
    }),
  }),
  z.object({
    /** Issue 15: the dictionary and the figure detector ran over a document. */
    action: z.literal("suggestions.generated"),
    subjectType: z.literal("document"),
    data: z.object({ proposed: z.number().int(), withdrawn: z.number().int(), open: z.number().int() }),
  }),
  z.object({
    /** Suggestions accepted (each also an annotation.created) or rejected (remembered). */
    action: z.literal("suggestions.decided"),
    subjectType: z.literal("document"),
    data: z.object({
      decision: z.enum(["accept", "reject"]),
      suggestions: z.array(
        z.object({
          id: z.string(),
          start: z.number().int(),
          end: z.number().int(),
          exact: z.string(),
          key: z.string(),
          annotationId: z.string().nullable(),
        }),
      ),
    }),
  }),
  z.object({
    action: z.literal("token.revoked"),
    subjectType: z.literal("token"),
    data: z.object({ name: z.string(), prefix: z.string() }),
  }),
]);

/** Annotation attributes as audit data carries them (JSON values). */
export type AuditAttributes = z.infer<typeof ZAttributes>;

export type AuditEventBody = z.infer<typeof ZAuditEvent>;

/** What a service hands to `audit(...)`: the event body plus who did it to what. */
export type AuditInput = AuditEventBody & {
  actorId: string | null;
  subjectId: string;
  projectId?: string | null;
};
