import type { Annotation } from "@/lib/annotations/shape";
import { prismaQuery, type Query } from "@/lib/audit/log-store";
import { WORKFLOW_ACTIONS, type DocumentState, type WorkflowAction } from "@/lib/workflow/states";

/**
 * The live feed is the sealed audit log read forward: an event's cursor is its position in the
 * Merkle log (AuditSeal.seq). The sealer gives positions only to committed events, in (xid,
 * insertion) order and only once every older transaction has ended, so a position is never
 * handed out behind one already read: replaying "after cursor N" misses nothing and repeats
 * nothing, on any instance. For changes of one annotation the order is their commit order (each
 * writer locks the row first, so the later writer's transaction id is the larger).
 */

export const ANNOTATION_EVENT_TYPES = ["annotation.created", "annotation.updated", "annotation.deleted", "annotation.restored"] as const;
export type AnnotationEventType = (typeof ANNOTATION_EVENT_TYPES)[number];

export interface Actor {
  id: string;
  name: string;
}

/** A document's workflow moved (issue 14): the audit event's data, with the document named. */
export interface WorkflowChange {
  documentId: string;
  from?: DocumentState;
  to?: DocumentState;
  [key: string]: unknown;
}

interface FeedBase {
  cursor: number;
  projectId: string;
  documentId: string;
  at: string;
  actor: Actor;
}

/** One change as a stream sends it (`data:`); `cursor` becomes the `id:` line. */
export type FeedEvent =
  | (FeedBase & { type: AnnotationEventType; annotation: Annotation })
  | (FeedBase & { type: WorkflowAction; workflow: WorkflowChange });

export interface FeedScope {
  projectId: string;
  /** A document's stream; null: the whole project. */
  documentId: string | null;
}

interface EventHead {
  cursor: string;
  action: AnnotationEventType | WorkflowAction;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  subjectId: string;
  projectId: string;
  documentId: string;
  data: { version?: number };
}

/** The annotation's version an event produced: the audit data names it differently per action. */
export function versionOf(action: AnnotationEventType, data: { version?: number }): number {
  if (action === "annotation.created") return 1;
  const version = Number(data.version);
  // annotation.deleted records the version that was deleted; the tombstone is the next one.
  return action === "annotation.deleted" ? version + 1 : version;
}

/** The newest position of the log (0 when nothing is sealed yet). */
export async function headCursor(query: Query): Promise<number> {
  const [row] = await query<{ n: string | null }>(`SELECT max("seq")::text AS n FROM "AuditSeal"`);
  return Number(row?.n ?? 0);
}

/** The cursor a page hands its reader: everything after it is news to what the page shows (read it first). */
export async function currentCursor(): Promise<string> {
  return String(await headCursor(prismaQuery));
}

/** When the first change after `cursor` happened (null: nothing after it yet). */
export async function firstChangeAfter(query: Query, cursor: number): Promise<Date | null> {
  const [row] = await query<{ at: Date }>(
    `SELECT (e."at" AT TIME ZONE 'UTC') AS "at" FROM "AuditSeal" s JOIN "AuditEvent" e ON e."seq" = s."eventSeq" WHERE s."seq" = $1::bigint`,
    [String(cursor + 1)],
  );
  return row?.at ?? null;
}

const ACTIONS = `(${ANNOTATION_EVENT_TYPES.map((t) => `'${t}'`).join(", ")})`;
const WORKFLOW = `(${WORKFLOW_ACTIONS.map((t) => `'${t}'`).join(", ")})`;
const isWorkflow = (action: string): action is WorkflowAction => (WORKFLOW_ACTIONS as readonly string[]).includes(action);

/**
 * The scope's annotation changes at positions (after, until], oldest first, reading at most
 * `limit` positions: log positions have no gaps, so the page ends at `scanned` = min(after +
 * limit, until), and a caller pages on from there even when a page held none of its scope.
 */
export async function readFeed(
  query: Query,
  {
    after,
    until,
    scope,
    limit = 500,
    wanted = () => true,
  }: { after: number; until: number; scope?: FeedScope; limit?: number; wanted?: (projectId: string, documentId: string) => boolean },
): Promise<{ events: FeedEvent[]; scanned: number }> {
  const scanned = Math.max(after, Math.min(after + limit, until));
  if (scanned === after) return { events: [], scanned };
  const params: unknown[] = [String(after), String(scanned)];
  const filters: string[] = [];
  if (scope) {
    params.push(scope.projectId);
    filters.push(`AND e."projectId" = $${params.length}`);
    if (scope.documentId) {
      params.push(scope.documentId);
      filters.push(`AND COALESCE(e."data"->>'documentId', e."subjectId") = $${params.length}`);
    }
  }
  const heads = await query<EventHead>(
    `SELECT s."seq"::text AS "cursor", e."action", (e."at" AT TIME ZONE 'UTC') AS "at", e."actorId", u."name" AS "actorName",
            e."subjectId", e."projectId", COALESCE(e."data"->>'documentId', e."subjectId") AS "documentId", e."data"
       FROM "AuditSeal" s JOIN "AuditEvent" e ON e."seq" = s."eventSeq"
       LEFT JOIN "User" u ON u."id" = e."actorId"
      WHERE s."seq" > $1::bigint AND s."seq" <= $2::bigint
        AND ((e."subjectType" = 'annotation' AND e."action" IN ${ACTIONS}) OR (e."subjectType" = 'document' AND e."action" IN ${WORKFLOW}))
        ${filters.join(" ")}
      ORDER BY s."seq"`,
    params,
  );
  // Only what someone listens to is worth rebuilding.
  const found = heads.filter((h) => wanted(h.projectId, h.documentId));
  if (found.length === 0) return { events: [], scanned };
  const annotations = await annotationsAt(
    query,
    found.flatMap((h) => (isWorkflow(h.action) ? [] : [{ id: h.subjectId, version: versionOf(h.action, h.data) }])),
  );
  const events: FeedEvent[] = [];
  for (const head of found) {
    const base = { cursor: Number(head.cursor), projectId: head.projectId, documentId: head.documentId, at: head.at.toISOString() };
    const actor = { id: head.actorId ?? "", name: head.actorName ?? "" };
    if (isWorkflow(head.action)) {
      events.push({ ...base, type: head.action, actor, workflow: { ...(head.data as object), documentId: head.documentId } });
      continue;
    }
    const annotation = annotations.get(`${head.subjectId}@${versionOf(head.action, head.data)}`);
    // Gone for good: a tombstone purged with its document or label. Nobody can show it any more.
    if (!annotation) continue;
    events.push({ ...base, type: head.action, actor, annotation });
  }
  return { events, scanned };
}

interface RevisionJoin {
  annotationId: string;
  version: number;
  documentId: string;
  labelId: string;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  attributes: Record<string, unknown>;
  status: Annotation["status"];
  deleted: boolean;
  actorId: string;
  revisedAt: Date;
  currentVersion: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  deletedById: string | null;
  authorId: string;
  authorName: string;
  authorEmail: string;
  labelName: string | null;
  labelKind: Annotation["label"]["kind"] | null;
  labelColor: string | null;
  labelHotkey: string | null;
  currentKind: Annotation["label"]["kind"];
}

/**
 * Each annotation as GET /api/v1/annotations/{id} (with ?include=deleted) returns it at the given
 * version: the current row when that is the version (so the two are byte for byte the same), else
 * rebuilt from the stored revision. Keyed `id@version`.
 */
export async function annotationsAt(query: Query, wanted: { id: string; version: number }[]): Promise<Map<string, Annotation>> {
  const rows = await query<RevisionJoin>(
    `SELECT r."annotationId", r."version", r."documentId", r."labelId", r."start", r."end", r."exact", r."prefix", r."suffix",
            r."attributes", r."status"::text AS "status", r."deleted", r."actorId", (r."createdAt" AT TIME ZONE 'UTC') AS "revisedAt",
            a."version" AS "currentVersion", (a."createdAt" AT TIME ZONE 'UTC') AS "createdAt",
            (a."updatedAt" AT TIME ZONE 'UTC') AS "updatedAt", (a."deletedAt" AT TIME ZONE 'UTC') AS "deletedAt", a."deletedById",
            a."authorId", au."name" AS "authorName", au."email" AS "authorEmail",
            l."name" AS "labelName", l."kind"::text AS "labelKind", l."color" AS "labelColor", l."hotkey" AS "labelHotkey",
            cl."kind"::text AS "currentKind"
       FROM unnest($1::text[], $2::int[]) AS k("id", "version")
       JOIN "AnnotationRevision" r ON r."annotationId" = k."id" AND r."version" = k."version"
       JOIN "Annotation" a ON a."id" = k."id"
       JOIN "User" au ON au."id" = a."authorId"
       JOIN "Label" cl ON cl."id" = a."labelId"
       LEFT JOIN "Label" l ON l."id" = r."labelId"`,
    [wanted.map((w) => w.id), wanted.map((w) => w.version)],
  );
  const out = new Map<string, Annotation>();
  for (const row of rows) out.set(`${row.annotationId}@${row.version}`, presentAt(row));
  return out;
}

function presentAt(row: RevisionJoin): Annotation {
  const current = row.version === row.currentVersion;
  const deletedAt = current ? row.deletedAt : row.deleted ? row.revisedAt : null;
  const deletedById = current ? row.deletedById : row.deleted ? row.actorId : null;
  return {
    id: row.annotationId,
    documentId: row.documentId,
    start: row.start,
    end: row.end,
    exact: row.exact,
    prefix: row.prefix,
    suffix: row.suffix,
    // A label deleted since (its annotations moved on) is named as such, with the kind it had to share.
    label: {
      id: row.labelId,
      name: row.labelName ?? "(deleted label)",
      kind: row.labelKind ?? row.currentKind,
      color: row.labelColor ?? "#94a3b8",
      hotkey: row.labelName === null ? null : row.labelHotkey,
    },
    attributes: row.attributes ?? {},
    status: row.status,
    version: row.version,
    author: { id: row.authorId, name: row.authorName, email: row.authorEmail },
    createdAt: row.createdAt.toISOString(),
    updatedAt: (current ? row.updatedAt : row.revisedAt).toISOString(),
    ...(deletedAt ? { deletedAt: deletedAt.toISOString(), deletedById: deletedById! } : {}),
  };
}
