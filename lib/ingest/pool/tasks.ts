import { AppError, type ErrorCode } from "@/lib/errors";
import type { DetectedFormat } from "../detect";
import { deriveText } from "../derive-text";
import type { IngestLimits } from "../limits";
import { readZip, type UploadShare } from "../read-zip";
import { refuseZipEntry } from "../refuse-zip-entry";
import type { Derived } from "../types";

/**
 * The work a pool worker does, and its results in a form that crosses a process boundary
 * (structured clone keeps Uint8Array and plain objects, but not the AppError class).
 */

export type ExtractTask =
  | { kind: "derive"; bytes: Uint8Array; detected: DetectedFormat; limits: IngestLimits }
  | { kind: "zip"; bytes: Uint8Array; limits: IngestLimits; upload: UploadShare };

export interface WireError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type WireZipEntry = { name: string; bytes: Uint8Array } | { name: string; error: WireError };

/** A zip's outcome: refused archives still report what they inflated, for the upload's budget. */
export interface ZipOutcome {
  entries?: WireZipEntry[];
  refused?: WireError;
  inflated: number;
}

export type TaskValue<T extends ExtractTask> = T extends { kind: "derive" } ? Derived : ZipOutcome;

export async function runTask(task: ExtractTask): Promise<Derived | ZipOutcome> {
  if (task.kind === "derive") return deriveText(task.bytes, task.detected, task.limits);
  const counter = { inflated: 0 };
  try {
    const entries = await readZip(task.bytes, task.limits, { refuse: refuseZipEntry, upload: task.upload, counter });
    return {
      entries: entries.map((e) => ("error" in e ? { name: e.name, error: toWire(e.error) } : e)),
      inflated: counter.inflated,
    };
  } catch (err) {
    return { refused: toWire(err), inflated: counter.inflated };
  }
}

export function toWire(err: unknown): WireError {
  if (err instanceof AppError) return { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) };
  // A library failing in a way we did not foresee is still one file's problem, not the batch's.
  const reason = err instanceof Error ? err.message : String(err);
  return { code: "internal", message: `could not process this file: ${reason}` };
}

export function fromWire(wire: WireError): AppError {
  return new AppError(wire.code, wire.message, wire.details);
}
