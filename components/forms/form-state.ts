/** What a server action tells its form: nothing yet, success, or an error to show beside it. */
export interface FormState {
  status: "idle" | "ok" | "error";
  message?: string;
  /** Per-field messages from zod, keyed by the field name. */
  fieldErrors?: Record<string, string>;
  /** The submitted values (never passwords), so the form can keep them after an error. */
  values?: Record<string, string>;
}

export const IDLE: FormState = { status: "idle" };
