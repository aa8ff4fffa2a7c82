import { z } from "zod";

const ZRole = z.enum(["owner", "reviewer", "annotator", "viewer"]);

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
    data: z.object({ name: z.string(), kind: z.string(), color: z.string(), hotkey: z.string().nullable() }),
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
    data: z.object({ name: z.string(), prefix: z.string(), expiresAt: z.string().nullable() }),
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
    action: z.literal("token.revoked"),
    subjectType: z.literal("token"),
    data: z.object({ name: z.string(), prefix: z.string() }),
  }),
]);

export type AuditEventBody = z.infer<typeof ZAuditEvent>;
export type AuditAction = AuditEventBody["action"];

/** What a service hands to `audit(...)`: the event body plus who did it to what. */
export type AuditInput = AuditEventBody & {
  actorId: string | null;
  subjectId: string;
  projectId?: string | null;
};
