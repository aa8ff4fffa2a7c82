/**
 * The floor for bench:editor (c): the least an annotation create must do, served by bare node:http
 * over a pg pool — no Next.js, no Prisma, no zod. Not the app and never used by it: a measuring
 * stick for what any HTTP server could reach on this machine while keeping the integrity contract.
 *
 * POST /documents/{id}/annotations with a bearer token and { label, start, end, exact }:
 *   one query for token, membership and label; the code-point range and quote checked against the
 *   (cached, immutable) text; then BEGIN, the document locked, INSERT … RETURNING, the first
 *   revision, the annotation.created event (no global lock: the sealer orders events), COMMIT.
 *   Answers 201 with the row.
 *
 * Run as a child process (`fork`, DATABASE_URL and BARE_PORT in its environment); it sends
 * "ready" once listening.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import pg from "pg";
import { quoteSpan } from "@/lib/annotations/quote-span";
import { CodePointIndex } from "@/lib/text/code-points";
import { hashToken } from "@/lib/tokens/token-secret";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 16 });
const texts = new Map<string, CodePointIndex>();

interface Access {
  userId: string;
  projectId: string;
  labelId: string;
  labelName: string;
  kind: string;
}

function answer(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
  res.end(json);
}

async function text(documentId: string): Promise<CodePointIndex> {
  let index = texts.get(documentId);
  if (!index) {
    const { rows } = await pool.query<{ text: string }>(`SELECT "text" FROM "Document" WHERE "id" = $1`, [documentId]);
    texts.set(documentId, (index = new CodePointIndex(rows[0]!.text)));
  }
  return index;
}

async function create(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const documentId = /^\/documents\/([^/]+)\/annotations$/.exec(req.url ?? "")?.[1];
  if (req.method !== "POST" || !documentId) return answer(res, 404, { error: "not found" });
  let raw = "";
  for await (const chunk of req) raw += chunk;
  const body = JSON.parse(raw) as { label: string; start: number; end: number; exact?: string };
  const secret = req.headers.authorization?.replace(/^Bearer /, "") ?? "";
  const { rows } = await pool.query<Access>(
    `SELECT t."userId", d."projectId", l."id" AS "labelId", l."name" AS "labelName", l."kind"::text AS "kind"
       FROM "ApiToken" t
       JOIN "Document" d ON d."id" = $2
       JOIN "Membership" m ON m."userId" = t."userId" AND m."projectId" = d."projectId" AND m."role" <> 'viewer'
       JOIN "Label" l ON l."projectId" = d."projectId" AND l."name" = $3
      WHERE t."tokenHash" = $1 AND t."revokedAt" IS NULL AND (t."expiresAt" IS NULL OR t."expiresAt" > now())`,
    [hashToken(secret), documentId, body.label],
  );
  const access = rows[0];
  if (!access) return answer(res, 404, { error: "not found" });
  const span = quoteSpan({ text: await text(documentId), start: body.start, end: body.end, exact: body.exact });
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(`SELECT 1 FROM "Document" WHERE "id" = $1 FOR KEY SHARE`, [documentId]);
    const { rows: created } = await client.query(
      `INSERT INTO "Annotation" ("id", "documentId", "labelId", "start", "end", "exact", "prefix", "suffix", "authorId", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now() AT TIME ZONE 'UTC') RETURNING *`,
      [randomUUID(), documentId, access.labelId, span.start, span.end, span.exact, span.prefix, span.suffix, access.userId],
    );
    const row = created[0]!;
    // What every create stores besides the row (issue 12): its first revision and its audit event,
    // inserted without any global lock; the app's sealer orders events later. Times in UTC, as
    // Prisma stores them: the seal lag is measured from the event's "at".
    await client.query(
      `INSERT INTO "AnnotationRevision" ("annotationId", "version", "op", "documentId", "labelId", "start", "end", "exact", "prefix", "suffix", "status", "actorId")
       VALUES ($1, 1, 'created', $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [row.id, documentId, access.labelId, span.start, span.end, span.exact, span.prefix, span.suffix, row.status, access.userId],
    );
    const data = {
      documentId,
      label: { id: access.labelId, name: access.labelName, kind: access.kind },
      ...span,
      attributes: {},
      status: row.status,
    };
    await client.query(
      `INSERT INTO "AuditEvent" ("at", "actorId", "action", "subjectType", "subjectId", "projectId", "data")
       VALUES (now() AT TIME ZONE 'UTC', $1, 'annotation.created', 'annotation', $2, $3, $4)`,
      [access.userId, row.id, access.projectId, data],
    );
    await client.query("COMMIT");
    answer(res, 201, row);
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
}

const server = http.createServer((req, res) => {
  create(req, res).catch((err: Error) => answer(res, 500, { error: err.message }));
});
server.listen(Number(process.env.BARE_PORT), () => process.send?.("ready"));
process.on("disconnect", () => {
  server.close();
  void pool.end();
});
