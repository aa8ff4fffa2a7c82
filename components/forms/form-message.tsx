import { Alert } from "@/components/ui/alert";
import type { FormState } from "./form-state";

/** The general outcome of a form submission (field errors are shown beside their fields). */
export function FormMessage({ state, className }: { state: FormState; className?: string }) {
  if (!state.message) return null;
  return (
    <Alert variant={state.status === "error" ? "destructive" : "success"} className={className}>
      {state.message}
    </Alert>
  );
}
