import { auditedTransaction, type Audit } from "@/lib/audit/audited-transaction";
import { db, type Tx } from "@/lib/db/client";
import type { Document } from "@/lib/db/generated/client";
import { isUniqueViolation } from "@/lib/errors";
import type { IngestOk } from "@/lib/ingest/ingest-file";
import { storableName, storableText } from "@/lib/ingest/storable-string";
import type { DocumentMetadata } from "./schemas";

export type StoreOutcome = { status: "created" | "duplicate"; document: Document };

function dateOrNull(value: string | null | undefined): Date | null {
  return value ? new Date(`${value}T00:00:00Z`) : null;
}

type StoreOptions = {
  actorId: string;
  projectId: string;
  ingested: IngestOk;
  metadata?: DocumentMetadata;
};

/**
 * Stores one ingested file: the document row, its original bytes and the audit event in one
 * transaction, so a refusal or crash leaves nothing behind. The same canonical text in the same
 * project is not stored twice; the existing document is returned as a duplicate instead.
 *
 * With `transaction`, the document joins the caller's audited transaction (an import stores
 * documents and their annotations together) and a concurrent duplicate fails that transaction.
 */
export async function storeDocument(options: StoreOptions & { transaction?: { tx: Tx; audit: Audit } }): Promise<StoreOutcome> {
  const { projectId, ingested, transaction } = options;
  if (transaction) return insertDocument(transaction.tx, transaction.audit, options);
  try {
    return await auditedTransaction((tx, audit) => insertDocument(tx, audit, options));
  } catch (err) {
    // Two uploads of the same text raced past the lookup; the unique index kept one.
    if (!isUniqueViolation(err)) throw err;
    const existing = await db().document.findUniqueOrThrow({ where: { projectId_sha256: { projectId, sha256: ingested.sha256 } } });
    return { status: "duplicate", document: existing };
  }
}

async function insertDocument(tx: Tx, audit: Audit, { actorId, projectId, ingested, metadata = {} }: StoreOptions): Promise<StoreOutcome> {
  const meta = { ...ingested.metadata, ...stripUndefined(metadata) };
  const existing = await tx.document.findUnique({ where: { projectId_sha256: { projectId, sha256: ingested.sha256 } } });
  if (existing) return { status: "duplicate", document: existing } as const;
  const document = await tx.document.create({
    data: {
      projectId,
      title: storableText(metadata.title ?? ingested.title),
      text: ingested.text,
      sha256: ingested.sha256,
      length: ingested.length,
      originalFilename: storableName(ingested.original.filename),
      originalMediaType: ingested.original.mediaType,
      originalSha256: ingested.original.sha256,
      originalSize: ingested.original.size,
      author: storable(meta.author),
      publisher: storable(meta.publisher),
      publishedOn: dateOrNull(meta.publishedOn),
      sourceUrl: storable(meta.sourceUrl),
      retrievedOn: dateOrNull(meta.retrievedOn),
      language: storable(meta.language),
      direction: meta.direction ?? null,
      profile: ingested.profile as object,
      extraction: ingested.extraction as object,
      uploadedById: actorId,
      original: { create: { bytes: Buffer.from(ingested.original.bytes) } },
    },
  });
  await audit({
    action: "document.created",
    subjectType: "document",
    subjectId: document.id,
    projectId,
    actorId,
    data: {
      title: document.title,
      sha256: document.sha256,
      length: document.length,
      method: ingested.extraction.method,
      originalFilename: document.originalFilename,
      originalSha256: document.originalSha256,
    },
  });
  return { status: "created", document } as const;
}

/** Metadata given by a caller (paste, import) reaches here unfiltered; see storable-string.ts. */
function storable(value: string | null | undefined): string | null {
  return value ? storableText(value) : null;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
