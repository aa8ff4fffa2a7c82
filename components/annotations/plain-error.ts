import { ApiError } from "./api";

export const CONFLICT_MESSAGE = "This annotation was changed by someone else. Its current version is now shown; make your change again if it still applies.";

/** The names analysts see in the panel for the fields the API names in its errors. */
const FIELD_NAMES: Record<string, string> = {
  label: "Label",
  start: "Start",
  end: "End",
  exact: "Quote",
  status: "Status",
  value: "Value",
  low: "Low",
  high: "High",
  qualifier: "Qualifier",
  unit: "Unit",
  asOf: "As of",
  type: "Type",
  canonicalName: "Canonical name",
  source: "Source",
  reporting: "Reporting",
  reliability: "Source reliability",
  credibility: "Credibility",
  note: "Note",
};

/** "attributes.canonicalName: Too long" → "Canonical name: too long". */
function fieldWords(message: string): string {
  const match = /^([\w.[\]]+): (.+)$/s.exec(message);
  if (!match) return message;
  const field = match[1]!.replace(/^attributes\./, "").split(/[.[]/)[0]!;
  const name = FIELD_NAMES[field];
  if (!name) return message;
  const reason = match[2]!;
  return `${name}: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`;
}

/** What went wrong, in words for the analyst rather than for an API client. */
export function plainError(err: unknown): string {
  if (!(err instanceof ApiError)) return "Something went wrong. Try again.";
  switch (err.status) {
    case 0:
      return err.message;
    case 401:
      return "Your session has ended. Sign in again (in another tab, to keep this page), then retry.";
    case 403:
      return `Not allowed: ${err.message.replace(/\.?$/, ".")}`;
    case 404:
      return "This annotation no longer exists; someone else deleted it.";
    case 409: {
      if (err.current) return CONFLICT_MESSAGE;
      const citing = (err.details as { citingClaims?: number } | undefined)?.citingClaims;
      if (citing) return `${citing === 1 ? "1 claim names" : `${citing} claims name`} this entity as its source. Change ${citing === 1 ? "that claim's" : "their"} source first.`;
      return err.message;
    }
    case 413:
      return "That is too long to save.";
    case 429:
      return "Too many changes at once. Wait a moment and try again.";
    default:
      if (err.status >= 500) return "The server could not save this change. Try again in a moment.";
      return fieldWords(err.message);
  }
}
