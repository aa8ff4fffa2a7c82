import type pg from "pg";
import { LABELS_QUERY, USERS_QUERY } from "./corpus-sql";
import type { ExportAnnotation, ExportDocument, ExportLabel, ExportReview, ExportSignOff } from "./types";

export type Row = Record<string, unknown>;

type User = ExportAnnotation["author"];

const epoch = (ms: unknown) => new Date(Math.round(ms as number));
const person = (user: User) => ({ id: user.id, name: user.name });

/**
 * The rows of lib/export/corpus-sql.ts as export events. Labels and users (authors, reviewers,
 * signers) come as ids and are read in the export's own transaction the first time a row names
 * them, so they belong to the same snapshot as the rows.
 */
export class CorpusRows {
  private readonly labels = new Map<string, ExportLabel>();
  private readonly users = new Map<string, User>();

  constructor(private readonly client: pg.PoolClient) {}

  async preload(projectId: string): Promise<void> {
    for (const row of (await this.client.query<ExportLabel>(LABELS_QUERY, [projectId, []])).rows) this.labels.set(row.id, row);
  }

  // Callers try the maps first (`get(id) ?? await load…`): no await on the hot path of a large export.
  private async loadLabel(id: string): Promise<ExportLabel> {
    const [row] = (await this.client.query<ExportLabel>(LABELS_QUERY, [null, [id]])).rows;
    if (!row) throw new Error(`export: label ${id} not found`);
    this.labels.set(id, row);
    return row;
  }

  private async loadUser(id: string): Promise<User> {
    const [row] = (await this.client.query<User>(USERS_QUERY, [[id]])).rows;
    if (!row) throw new Error(`export: user ${id} not found`);
    this.users.set(id, row);
    return row;
  }

  async document(row: Row, text: string): Promise<ExportDocument> {
    const original =
      row.originalFilename === null && row.originalMediaType === null && row.originalSha256 === null
        ? null
        : {
            filename: row.originalFilename as string | null,
            mediaType: row.originalMediaType as string | null,
            sha256: row.originalSha256 as string | null,
            size: row.originalSize as number | null,
          };
    const signOff: ExportSignOff | null =
      row.signOffId === null
        ? null
        : {
            id: row.signOffId as string,
            signer: person(this.users.get(row.signerId as string) ?? (await this.loadUser(row.signerId as string))),
            at: epoch(row.signedAt),
            annotationSetHash: row.annotationSetHash as string,
            accepted: row.accepted as number,
            rejected: row.rejected as number,
          };
    return {
      id: row.id as string,
      title: row.title as string,
      metadata: {
        author: row.author as string | null,
        publisher: row.publisher as string | null,
        publishedOn: row.publishedOn as string | null,
        sourceUrl: row.sourceUrl as string | null,
        retrievedOn: row.retrievedOn as string | null,
        language: row.language as string | null,
        direction: row.direction as string | null,
      },
      sha256: row.sha256 as string,
      length: row.length as number,
      text,
      original,
      createdAt: row.createdAt as Date,
      state: row.state as ExportDocument["state"],
      signOff,
    };
  }

  async annotation(row: Row): Promise<ExportAnnotation> {
    const review: ExportReview | null =
      row.reviewDecision === null
        ? null
        : {
            decision: row.reviewDecision as ExportReview["decision"],
            reason: row.reviewReason as string | null,
            reviewer: person(this.users.get(row.reviewerId as string) ?? (await this.loadUser(row.reviewerId as string))),
            at: epoch(row.reviewedAt),
            version: row.reviewVersion as number,
          };
    return {
      id: row.id as string,
      documentId: row.documentId as string,
      label: this.labels.get(row.labelId as string) ?? (await this.loadLabel(row.labelId as string)),
      start: row.start as number,
      end: row.end as number,
      exact: row.exact as string,
      prefix: row.prefix as string,
      suffix: row.suffix as string,
      attributes: (row.attributes ?? {}) as Record<string, unknown>,
      status: row.status as ExportAnnotation["status"],
      version: row.version as number,
      author: this.users.get(row.authorId as string) ?? (await this.loadUser(row.authorId as string)),
      createdAt: epoch(row.createdAt),
      updatedAt: epoch(row.updatedAt),
      review,
    };
  }
}
