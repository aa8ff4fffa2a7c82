import { unstable_rethrow } from "next/navigation";
import { assertSafeInput } from "@/lib/api/hostile-input";
import { toErrorBody } from "@/lib/errors";
import type { FormState } from "./form-state";

// Server-side helpers for server actions; forms import only ./form-state.

/**
 * The string fields of a submission; files and missing fields are left out. Throws a 400 AppError
 * (with `issues` naming the field, so formError shows it beside the field) for a hostile string:
 * call it inside the action's `try`, so that the refusal reaches the form.
 */
export function formValues(formData: FormData, names: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = formData.get(name);
    if (typeof value === "string") values[name] = value;
  }
  // NUL and lone surrogates never reach a service (PostgreSQL refuses NUL: a 500 otherwise).
  assertSafeInput(values, "A form field");
  return values;
}

/**
 * Turns a thrown error into form state through the same mapping the API uses (lib/errors), so a
 * form shows exactly the message an API client would get. Next's redirect/notFound signals are
 * rethrown untouched.
 */
export function formError(err: unknown, values?: Record<string, string>): FormState {
  unstable_rethrow(err);
  const { status, body } = toErrorBody(err);
  if (status >= 500) {
    console.error(err);
    return { status: "error", message: "Something went wrong on our side. Try again.", values };
  }
  const issues = (body.error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
  if (!issues) return { status: "error", message: body.error.message, values };
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) if (issue.path) fieldErrors[issue.path] ??= issue.message;
  const general = issues.find((issue) => !issue.path);
  return {
    status: "error",
    message: general?.message ?? (Object.keys(fieldErrors).length ? undefined : body.error.message),
    fieldErrors,
    values,
  };
}
