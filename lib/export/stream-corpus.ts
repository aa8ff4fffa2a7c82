import type pg from "pg";
import { pgPool } from "@/lib/db/pg-pool";
import { CorpusRows, type Row } from "./corpus-rows";
import { annotationsQuery, documentsQuery } from "./corpus-sql";
import type { ExportEvent, ExportFilters } from "./types";

/** Documents per FETCH: their texts (up to INLINE_TEXT_MAX code points each) come along. */
const DOCUMENT_BATCH = 32;
const DEFAULT_ANNOTATION_BATCH = 2000;
/** A consumer that stops pulling for this long loses its snapshot (and the server its held rows). */
const IDLE_LIMIT = "15min";

/**
 * One server-side cursor, read a batch at a time and only as the caller asks for rows. With
 * `readAhead`, the next batch is requested as soon as the caller starts on the current one, so
 * the database works while Node formats: at most two batches are ever held.
 */
class Cursor {
  private rows: Row[] = [];
  private at = 0;
  private done = false;
  private ahead: Promise<Row[]> | null = null;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly name: string,
    private readonly batch: number,
    private readonly readAhead = false,
  ) {}

  private fetch(): Promise<Row[]> {
    const rows = this.client.query(`FETCH ${this.batch} FROM ${this.name}`).then((result) => result.rows as Row[]);
    // A read-ahead nobody awaits (the consumer stopped) must not become an unhandled rejection.
    rows.catch(() => {});
    return rows;
  }

  async next(): Promise<Row | null> {
    if (this.at === this.rows.length) {
      if (this.done) return null;
      this.rows = await (this.ahead ?? this.fetch());
      this.ahead = null;
      this.at = 0;
      if (this.rows.length < this.batch) this.done = true;
      else if (this.readAhead) this.ahead = this.fetch();
      if (this.rows.length === 0) return null;
    }
    return this.rows[this.at++]!;
  }

  /** Waits for a read-ahead still on the wire, so the connection is idle for what follows. */
  async settle(): Promise<void> {
    await this.ahead?.catch(() => {});
  }
}

async function checkout(): Promise<{ client: pg.PoolClient; release: (err?: Error) => void }> {
  const client = await pgPool().connect();
  // A checked-out client has no pool listener: a dropped connection must fail this export only.
  const onError = (err: Error) => console.error(`export cursor connection lost: ${err.message}`);
  client.on("error", onError);
  return {
    client,
    release: (err) => {
      client.removeListener("error", onError);
      client.release(err);
    },
  };
}

/**
 * A project's corpus as export events — each document, then its annotations by (start, end, id) —
 * read through two server-side cursors in one READ ONLY, REPEATABLE READ transaction: every
 * document and annotation comes from the same snapshot however long the export takes, and only
 * a batch or two of rows is in memory at a time. Rows are fetched as the consumer pulls (the next
 * annotation batch is requested while the current one is consumed, never more), so a slow reader
 * holds the database back instead of filling memory. The connection goes back to the pool
 * when the stream ends, fails, or is abandoned (`return()` on the iterator, e.g. a client that
 * disconnects mid-download).
 *
 * Filters (ExportFilters): `documentIds`, `q` (the documents list's full-text search),
 * `signedOff` (workflow state signed_off), and `labels` (names in any case, or ids), `statuses`,
 * `authors` (ids or emails) on annotations; with an annotation filter, documents without a
 * matching annotation are left out (lib/export/corpus-sql.ts). Each document carries its workflow
 * state and current sign-off, each annotation its newest review, read in the same snapshot, so a
 * sign-off's hash always matches the annotations exported beside it (when no annotation filter
 * leaves some out).
 */
export async function* streamCorpus({
  projectId,
  filters,
  batchSize = DEFAULT_ANNOTATION_BATCH,
}: {
  projectId: string;
  filters: ExportFilters;
  batchSize?: number;
}): AsyncGenerator<ExportEvent, void, undefined> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const { client, release } = await checkout();
  let failure: Error | undefined;
  let open = false;
  let annotationCursor: Cursor | undefined;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    open = true;
    await client.query(`SET LOCAL idle_in_transaction_session_timeout = '${IDLE_LIMIT}'`);
    const documents = documentsQuery(projectId, filters);
    const annotations = annotationsQuery(projectId, filters);
    await client.query(`DECLARE export_documents NO SCROLL CURSOR FOR ${documents.text}`, documents.values);
    await client.query(`DECLARE export_annotations NO SCROLL CURSOR FOR ${annotations.text}`, annotations.values);
    const documentCursor = new Cursor(client, "export_documents", DOCUMENT_BATCH);
    annotationCursor = new Cursor(client, "export_annotations", batchSize, true);
    const rows = new CorpusRows(client);
    await rows.preload(projectId);

    let pending = await annotationCursor.next();
    for (let row = await documentCursor.next(); row; row = await documentCursor.next()) {
      const text = (row.text as string | null) ?? (await readText(client, row.id as string));
      yield { type: "document", document: await rows.document(row, text) };
      while (pending && pending.documentId === row.id) {
        yield { type: "annotation", annotation: await rows.annotation(pending) };
        pending = await annotationCursor.next();
      }
    }
    // Both cursors walk the same documents in the same order; a leftover means they disagreed.
    if (pending) throw new Error(`export: annotation ${String(pending.id)} was not reached in document order`);
    await client.query("COMMIT");
    open = false;
  } catch (err) {
    failure = err instanceof Error ? err : new Error(String(err));
    throw err;
  } finally {
    await annotationCursor?.settle();
    if (open) {
      // Stopped early (or failed): end the transaction so the connection can be reused.
      await client.query("ROLLBACK").catch((err: Error) => (failure ??= err));
    }
    // A connection in an unknown state is closed rather than returned to the pool.
    release(failure);
  }
}

async function readText(client: pg.PoolClient, documentId: string): Promise<string> {
  const { rows } = await client.query<{ text: string }>(`SELECT "text" FROM "Document" WHERE "id" = $1`, [documentId]);
  if (!rows[0]) throw new Error(`export: document ${documentId} vanished from the snapshot`);
  return rows[0].text;
}
