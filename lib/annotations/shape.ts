import { z } from "zod";
import type { AnnotationStatus as DbAnnotationStatus, LabelKind as DbLabelKind } from "@/lib/db/generated/enums";
import { ZLabelKind } from "@/lib/labels/schemas";
import { ANNOTATION_STATUSES } from "./attribute-values";

/**
 * The annotation as the API presents it (ARCHITECTURE.md, API) and its status enum, declared once:
 * the service row, the writer, import, export, audit snapshots, the OpenAPI document and the UI
 * derive their types from these. Client components import its types only (`import type`): its
 * values bring zod into the page.
 */

export { ANNOTATION_STATUSES };
export const ZAnnotationStatus = z.enum(ANNOTATION_STATUSES);
export type AnnotationStatus = z.infer<typeof ZAnnotationStatus>;
export type LabelKind = z.infer<typeof ZLabelKind>;

// The database's enums (Prisma's) must hold exactly these values: either side changing alone
// fails the typecheck here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type StatusesMatchDatabase = Assert<Same<AnnotationStatus, DbAnnotationStatus>>;
export type LabelKindsMatchDatabase = Assert<Same<LabelKind, DbLabelKind>>;

export const ZAnnotationLabel = z.object({ id: z.string(), name: z.string(), kind: ZLabelKind, color: z.string(), hotkey: z.string().nullable() });
export const ZAnnotationAuthor = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const ZAnnotation = z.object({
  id: z.string(),
  documentId: z.string(),
  start: z.number().int().describe("Unicode code points, half-open [start, end)"),
  end: z.number().int(),
  exact: z.string().describe("the text in [start, end)"),
  prefix: z.string().describe("up to 32 code points before start"),
  suffix: z.string().describe("up to 32 code points after end"),
  label: ZAnnotationLabel,
  attributes: z.record(z.string(), z.unknown()),
  status: ZAnnotationStatus,
  version: z.number().int(),
  author: ZAnnotationAuthor,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  deletedAt: z.iso.datetime().optional().describe("only on a deleted annotation (?include=deleted)"),
  deletedById: z.string().optional().describe("who deleted it; only on a deleted annotation"),
});

/** An annotation as the API returns it. Offsets are Unicode code points, half-open [start, end). */
export type Annotation = z.infer<typeof ZAnnotation>;
