import { ConfirmAction } from "@/components/forms/confirm-action";
import type { FormState } from "@/components/forms/form-state";
import { Button } from "@/components/ui/button";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

/** Owners only. Annotated text is evidence, so a document with annotations cannot be deleted. */
export function DeleteDocument({ action, title, annotationCount }: { action: Action; title: string; annotationCount: number }) {
  if (annotationCount > 0) {
    return (
      <div className="grid justify-items-end gap-1">
        <Button variant="outline" size="sm" disabled aria-describedby="delete-document-why">
          Delete document
        </Button>
        <p id="delete-document-why" className="max-w-xs text-right text-xs text-slate-600">
          It has {annotationCount === 1 ? "1 annotation" : `${annotationCount} annotations`}; annotated documents cannot be deleted.
        </p>
      </div>
    );
  }
  return (
    <ConfirmAction
      action={action}
      fields={{}}
      label="Delete document"
      subject={title}
      prompt="Delete this document and its original file?"
      confirmLabel="Yes, delete"
    />
  );
}
