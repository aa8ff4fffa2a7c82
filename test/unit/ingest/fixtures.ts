import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { AppError } from "@/lib/errors";
import type { IngestFailure, IngestOk, IngestResult } from "@/lib/ingest/ingest-file";

/** Fixtures written by scripts/make-fixtures.mjs. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fileURLToPath(new URL(`../../fixtures/ingest/${name}`, import.meta.url))));
}

export function only<T>(items: T[]): T {
  if (items.length !== 1) throw new Error(`expected exactly one result, got ${items.length}`);
  return items[0]!;
}

export function ok(result: IngestResult): IngestOk {
  if (!result.ok) throw new Error(`expected success, got ${result.error.status} ${result.error.message}`);
  return result;
}

export function failed(result: IngestResult): IngestFailure {
  if (result.ok) throw new Error(`expected a refusal, got text ${JSON.stringify(result.text.slice(0, 80))}`);
  return result;
}

export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}
