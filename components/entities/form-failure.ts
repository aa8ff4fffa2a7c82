import { ApiError } from "@/components/annotations/api";

export interface Failure {
  message: string;
  /** By form field: name, type, aliases, description, wikidata. */
  fields: Record<string, string>;
}

/** An API field path as the form's field: `aliases.3` → aliases, `externalIds.wikidata` → wikidata. */
function fieldOf(path: string): string {
  if (path.startsWith("externalIds.wikidata")) return "wikidata";
  return path.split(".")[0] ?? "";
}

/**
 * What a refused request tells the form: a 400 names its fields (zod issues, shown beside them),
 * a 409 or 422 says why in one sentence, shown as it is.
 */
export function formFailure(err: unknown): Failure {
  if (!(err instanceof ApiError)) return { message: "Something went wrong. Try again.", fields: {} };
  const issues = (err.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [];
  const fields: Record<string, string> = {};
  for (const issue of issues) if (issue.path) fields[fieldOf(issue.path)] ??= issue.message;
  const unplaced = issues.some((issue) => !issue.path);
  const message = issues.length > 0 && !unplaced ? "The entity was not saved: check the fields marked below." : err.message;
  return { message, fields };
}
