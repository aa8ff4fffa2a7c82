import { presentAnnotation } from "@/lib/api/presenters";
import { AppError } from "@/lib/errors";
import type { AnnotationRow } from "./annotation-row";

/** 409 carrying the annotation as it is now, so the client can merge and retry with its version. */
export function staleVersion(current: AnnotationRow, sent: number): AppError {
  return new AppError(
    "conflict",
    `The annotation has changed since you loaded it: you sent version ${sent}, it is at version ${current.version}. Apply your change to the current annotation and send its version.`,
    { current: presentAnnotation(current) },
  );
}
