"use client";

import { useEffect, useMemo, useRef, useState, type ReactNode, type Ref } from "react";
import type { CodePointIndex } from "@/lib/text/code-points";
import { FormattedDate } from "@/components/format-date";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { Outcome } from "./annotation-commands";
import type { DraftHandle, FrameHooks } from "./attribute-form-frame";
import { BoundaryControls } from "./boundary-controls";
import { ClaimForm } from "./claim-form";
import { EntityForm } from "./entity-form";
import { FigureForm } from "./figure-form";
import { LabelChoice } from "./label-choice";
import { LabelSwatch } from "./label-swatch";
import { ReviewControls } from "@/components/review/review-controls";
import { ReviewHistory } from "@/components/review/review-history";
import { canEdit, type Annotation, type AnnotationStatus, type ClaimAttributes, type EntityAttributes, type FigureAttributes, type AnnotationPatch, type LabelInfo, type Viewer } from "./types";

interface PanelProps {
  annotation: Annotation;
  labels: readonly LabelInfo[];
  /** Entity annotations of the document: the claim form's choice of source. */
  entities: readonly Annotation[];
  index: CodePointIndex;
  viewer: Viewer;
  onUpdate: (patch: AnnotationPatch) => Promise<Outcome>;
  onDelete: () => void;
  onClose: () => void;
  /** A failure the panel can no longer show (it closed before the save answered). */
  onNotice: (message: string) => void;
  headingRef?: Ref<HTMLHeadingElement>;
  /** Someone else's latest change of this annotation, if any (live updates). */
  changedBy?: { actor: { name: string }; version: number; at: number };
  /** Review (owners and reviewers): the reason box is open; a decision. */
  review?: {
    rejecting: boolean;
    setRejecting: (open: boolean) => void;
    onDecide: (decision: "accept" | "reject", reason?: string) => Promise<Outcome>;
  };
}

const STATUS_BADGE = { pending: "secondary", accepted: "success", rejected: "destructive" } as const satisfies Record<AnnotationStatus, string>;

function Quote({ annotation }: { annotation: Annotation }) {
  return (
    <blockquote dir="auto" className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm leading-6 [overflow-wrap:anywhere]">
      {annotation.prefix && <span className="text-slate-600">…{annotation.prefix.slice(-24)}</span>}
      <mark className="rounded-sm px-0.5 text-slate-950" style={{ backgroundColor: `color-mix(in srgb, ${annotation.label.color} 22%, transparent)` }}>
        <bdi data-testid="annotation-quote">{annotation.exact}</bdi>
      </mark>
      {annotation.suffix && <span className="text-slate-600">{annotation.suffix.slice(0, 24)}…</span>}
    </blockquote>
  );
}

function AttributesForm({
  annotation,
  entities,
  disabled,
  onUpdate,
  hooks,
}: Pick<PanelProps, "annotation" | "entities" | "onUpdate"> & { disabled: boolean; hooks: FrameHooks }) {
  const onSave = (attributes: Record<string, unknown>) => onUpdate({ attributes });
  // Keyed by version: a saved change, a 409 reload or an undo resets the form to what is stored.
  const key = `${annotation.id}:${annotation.version}`;
  switch (annotation.label.kind) {
    case "figure":
      return <FigureForm key={key} hooks={hooks} attributes={annotation.attributes as FigureAttributes} disabled={disabled} onSave={onSave} />;
    case "entity":
      return <EntityForm key={key} hooks={hooks} attributes={annotation.attributes as EntityAttributes} disabled={disabled} onSave={onSave} />;
    case "claim":
      return <ClaimForm key={key} hooks={hooks} attributes={annotation.attributes as ClaimAttributes} entities={entities} disabled={disabled} onSave={onSave} />;
    default:
      return null;
  }
}

/** A change made by one control, with its failure shown right under that control. */
function useChange(onUpdate: PanelProps["onUpdate"]) {
  const [error, setError] = useState<string | null>(null);
  const run = async (patch: AnnotationPatch) => {
    setError(null);
    const outcome = await onUpdate(patch);
    if (!outcome.ok) setError(outcome.message);
  };
  const shown: ReactNode = error && (
    <p role="alert" className="text-xs font-medium text-red-700">
      {error}
    </p>
  );
  return [run, shown] as const;
}

/** The details of the current annotation: quote, label, boundaries, attributes, status, delete. */
/**
 * The annotation the attribute form edits. It follows the annotation, except when someone else's
 * version arrives while this user has typed something unsaved: then the form keeps their input, on
 * the version they started from, until they choose to apply it on top of the new version or
 * discard it.
 */
function useFormVersion(annotation: Annotation, changedBy: PanelProps["changedBy"], draft: React.RefObject<DraftHandle | null>) {
  const [formAnnotation, setFormAnnotation] = useState(annotation);
  const behind = formAnnotation.version !== annotation.version;
  const conflict = behind && changedBy?.version === annotation.version && (draft.current?.isDirty() ?? false);
  if (behind && !conflict) setFormAnnotation(annotation);
  return { formAnnotation: conflict ? formAnnotation : annotation, conflict, catchUp: () => setFormAnnotation(annotation) };
}

export function AnnotationPanel({ annotation, labels, entities, index, viewer, onUpdate, onDelete, onClose, onNotice, headingRef, changedBy, review }: PanelProps) {
  const editable = canEdit(viewer, annotation) && !annotation.pending;
  const span = useMemo(() => ({ start: annotation.start, end: annotation.end }), [annotation.start, annotation.end]);
  const [moveSpan, spanError] = useChange(onUpdate);
  const draft = useRef<DraftHandle>(null);
  const { formAnnotation, conflict, catchUp } = useFormVersion(annotation, changedBy, draft);
  const [attributesError, setAttributesError] = useState<string | null>(null);
  const open = useRef(true);
  useEffect(() => {
    open.current = true;
    return () => {
      open.current = false;
    };
  }, []);
  const hooks = useMemo<FrameHooks>(
    () => ({
      draftRef: draft,
      onOutcome: (outcome) => {
        const message = outcome.ok ? null : outcome.message;
        if (open.current) setAttributesError(message);
        else if (message) onNotice(`Your edit of the attributes of “${annotation.exact.slice(0, 40)}” was not saved: ${message}`);
      },
      paused: conflict,
    }),
    [onNotice, annotation.exact, conflict],
  );
  // Closing saves a typed attribute edit first; if it cannot be saved, the panel stays with its error.
  const close = async () => {
    const outcome = (await draft.current?.flush()) ?? { ok: true };
    if (outcome.ok) onClose();
    else if (conflict) setAttributesError(outcome.message);
  };
  return (
    <section
      aria-labelledby="annotation-panel-title"
      data-testid="annotation-panel"
      className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      onKeyDown={(event) => {
        if (event.key === "Escape" && !(event.target instanceof HTMLSelectElement)) {
          event.stopPropagation();
          void close();
        }
      }}
    >
      <div className="flex items-start justify-between gap-2">
        <div className="grid gap-1">
          <h3 id="annotation-panel-title" ref={headingRef} tabIndex={-1} className="flex items-center gap-2 text-sm font-semibold text-slate-900 focus-visible:outline-2">
            <LabelSwatch color={annotation.label.color} />
            {annotation.label.name}
            <span className="sr-only"> annotation</span>
          </h3>
          <p className="text-xs text-slate-600">
            {annotation.author.name || annotation.author.email}
            {!annotation.pending && (
              <>
                {" · "}
                <FormattedDate iso={annotation.createdAt} />
              </>
            )}
            {" · "}
            <span className="font-mono" title="Unicode code points, half-open [start, end)">
              {annotation.start}–{annotation.end}
            </span>
          </p>
        </div>
        <div className="flex items-center gap-1">
          <Badge variant={STATUS_BADGE[annotation.status]}>{annotation.pending ? "saving…" : annotation.status}</Badge>
          <Button variant="ghost" size="sm" className="h-7 px-2" onClick={() => void close()} aria-label="Close details">
            ✕
          </Button>
        </div>
      </div>

      <Quote annotation={annotation} />
      {changedBy && !conflict && (
        <p className="text-xs text-slate-700" role="status" data-testid="changed-by">
          Changed by {changedBy.actor.name} · <FormattedDate iso={new Date(changedBy.at).toISOString()} />
        </p>
      )}
      {conflict && (
        <div role="alert" data-testid="edit-conflict" className="grid gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          <p>
            {changedBy?.actor.name} changed this annotation while you were editing its attributes. Your unsaved input is kept below.
          </p>
          <div className="flex flex-wrap gap-2">
            <Button
              size="sm"
              onClick={async () => {
                const outcome = (await draft.current?.flush(true)) ?? { ok: true };
                if (outcome.ok) catchUp();
              }}
            >
              Apply mine on top
            </Button>
            <Button
              size="sm"
              variant="outline"
              onClick={() => {
                setAttributesError(null);
                catchUp();
              }}
            >
              Discard mine
            </Button>
          </div>
        </div>
      )}
      {!editable && !annotation.pending && (
        <p className="text-xs text-slate-600">Only its author, reviewers and owners can change this annotation.</p>
      )}

      <LabelChoice annotation={annotation} labels={labels} disabled={!editable} onUpdate={onUpdate} />

      {editable && (
        <div className="grid gap-1.5">
          <p className="text-sm font-medium text-slate-900">Boundaries</p>
          <BoundaryControls index={index} span={span} disabled={!editable} onChange={(next) => void moveSpan(next)} />
          {spanError}
        </div>
      )}

      <AttributesForm annotation={formAnnotation} entities={entities} disabled={!editable} onUpdate={onUpdate} hooks={hooks} />
      {attributesError && (
        <p role="alert" data-testid="attributes-error" className="-mt-2 text-xs font-medium text-red-700">
          {attributesError}
        </p>
      )}

      {!annotation.pending && <ReviewHistory annotationId={annotation.id} version={annotation.version} />}
      {review && viewer.canReview && !annotation.pending && <ReviewControls annotation={annotation} {...review} />}

      {editable && (
        <div className="border-t border-slate-200 pt-3">
          <Button variant="outline" size="sm" className="text-red-800" onClick={onDelete}>
            Delete annotation
          </Button>
        </div>
      )}
    </section>
  );
}
