import { ZodError } from "zod";

/** The documented error codes and the HTTP status each maps to. */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_input: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** The one place where any thrown value becomes the documented JSON error. */
export function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.details !== undefined) body.error.details = err.details;
    return { status: err.status, body };
  }
  if (err instanceof ZodError) {
    const issues = err.issues.map((issue) => ({
      path: issue.path.map(String).join("."),
      message: issue.message,
    }));
    const first = issues[0];
    const message = first ? `${first.path || "input"}: ${first.message}` : "Invalid input";
    return { status: 400, body: { error: { code: "bad_request", message, details: { issues } } } };
  }
  if (isUniqueViolation(err)) {
    // A check-then-insert raced with a concurrent writer and the unique index kept the first.
    return { status: 409, body: { error: { code: "conflict", message: "A change made at the same moment took this value first; reload and try again" } } };
  }
  if (isInvalidTextError(err)) {
    // Last line of defence: the boundaries refuse these strings first (lib/api/hostile-input.ts).
    return { status: 400, body: { error: { code: "bad_request", message: "The input contains characters that cannot be stored (such as U+0000)" } } };
  }
  return { status: 500, body: { error: { code: "internal", message: "Internal server error" } } };
}

/**
 * PostgreSQL refusing a string: 22021 (invalid byte sequence: NUL in text) or 22P05 (untranslatable
 * character: \u0000 in jsonb). Through Prisma's pg adapter the code sits in
 * `meta.driverAdapterError.cause.code`; straight from `pg` it is the error's own `code`.
 */
export function isInvalidTextError(err: unknown): boolean {
  const e = err as { code?: unknown; cause?: { code?: unknown }; meta?: { driverAdapterError?: { cause?: { code?: unknown } } } } | null;
  if (typeof e !== "object" || e === null) return false;
  const codes = [e.code, e.cause?.code, e.meta?.driverAdapterError?.cause?.code];
  return codes.some((code) => code === "22021" || code === "22P05");
}

/** Prisma's unique-constraint error (P2002). */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "P2002";
}
