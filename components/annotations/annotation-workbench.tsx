"use client";

import { memo, startTransition, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { AnnotationReader, type ReaderHandle } from "@/components/editor/annotation-reader";
import { isRedo, isUndo } from "@/components/editor/reader-keys";
import { Button } from "@/components/ui/button";
import { CodePointIndex } from "@/lib/text/code-points";
import { AnnotationCommands, type Notice } from "./annotation-commands";
import { AnnotationList } from "./annotation-list";
import { AnnotationPanel } from "./annotation-panel";
import { AnnotationStore } from "./annotation-store";
import { LabelLegend } from "./label-legend";
import { NoticeBar } from "./notice-bar";
import { ShortcutsHelp, type ShortcutsHelpHandle } from "./shortcuts-help";
import { canEdit, type Annotation, type LabelInfo, type Viewer } from "./types";
import { useStoreSnapshot } from "./use-store-snapshot";
import { PresenceBar } from "@/components/live/presence-bar";
import { initials } from "@/components/live/avatar";
import { colorFor } from "@/lib/live/presence";
import { useLiveDocument } from "@/components/live/use-live-document";
import type { PresenceMark } from "@/components/editor/presence-plugin";
import { ReviewBar } from "@/components/review/review-bar";
import { useReview } from "@/components/review/use-review";
import { WorkflowBar } from "@/components/review/workflow-bar";
import type { WorkflowView } from "@/components/review/workflow-types";
import { useDeepLink, type DeepLink } from "./use-deep-link";

/** Renders again only when its own inputs change, not for a notice or the undo buttons. */
const List = memo(AnnotationList);

export interface WorkbenchProps {
  documentId: string;
  /** The live stream resumes after this cursor: read before the annotations were. */
  liveCursor: string | null;
  text: string;
  direction: "ltr" | "rtl";
  annotations: Annotation[];
  labels: LabelInfo[];
  viewer: Viewer & { name: string; email: string };
  /** The document's review workflow as the page read it (issue 14). */
  workflow: WorkflowView;
  /** Open in review mode (?review=1, the queue's link). */
  startInReview?: boolean;
  /** A link to an annotation or to exact characters (?annotation=, ?start=&end=). */
  link?: DeepLink;
}

/** Keys typed into a form field are the field's own (its undo, its "?"), not the workbench's. */
function isFormField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.matches("input, textarea, select") || (target.isContentEditable && !target.closest(".tw-reader")));
}

/**
 * The annotation editor: the reader, the details of the current annotation and the list of all,
 * over one AnnotationStore; every change goes through AnnotationCommands (the API, undo/redo).
 */
const BADGE_MS = 2500;
const OFFLINE = "You are offline: nothing was changed. Changes can be made again when the connection is back.";
const NO_ACCESS = "You no longer have access to this document: nothing was changed.";

export function AnnotationWorkbench({ documentId, liveCursor, text, direction, annotations: initial, labels, viewer, workflow: initialWorkflow, startInReview = false, link }: WorkbenchProps) {
  const [store] = useState(() => new AnnotationStore(initial));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [history, setHistory] = useState({ canUndo: false, canRedo: false });
  const reader = useRef<ReaderHandle>(null);
  const help = useRef<ShortcutsHelpHandle>(null);
  const panelHeading = useRef<HTMLHeadingElement>(null);
  const index = useMemo(() => new CodePointIndex(text), [text]);
  // The list, the details panel and the claim form's entity choices follow at lower priority: a
  // new highlight is painted first, then the 10,000-row list and the panel catch up.
  const annotations = useStoreSnapshot(store);

  const [commands] = useState(
    () =>
      new AnnotationCommands(store, documentId, { id: viewer.userId, name: viewer.name, email: viewer.email }, {
        notice: setNotice,
        history: (state) => startTransition(() => setHistory(state)),
      }),
  );

  useEffect(
    () =>
      store.subscribe(({ remove }) => {
        if (remove.length) setSelectedId((current) => (current && remove.includes(current) && !store.get(current) ? null : current));
      }),
    [store],
  );

  // A tag or change not yet answered would be lost with the page: the browser asks first.
  useEffect(() => {
    const ask = (event: BeforeUnloadEvent) => {
      if (commands.busy) event.preventDefault();
    };
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [commands]);

  // Undo/redo and help wherever focus is in the page, except inside form fields.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isFormField(event.target)) return;
      if (isUndo(event) || isRedo(event)) {
        event.preventDefault();
        void (isUndo(event) ? commands.undo() : commands.redo());
      } else if (event.key === "?" && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        help.current?.open();
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [commands]);

  // Initials of whoever just changed a highlight, drawn at its start for a moment.
  const [badges, setBadges] = useState<PresenceMark[]>([]);
  const [activity] = useState(() => new EventTarget());
  const live = useLiveDocument({
    onActivity: () => activity.dispatchEvent(new Event("change")),
    documentId,
    cursor: liveCursor,
    store,
    selfId: viewer.userId,
    isOwn: (id) => commands.isBusyWith(id),
    onRemoteChange: (event) => {
      const { annotation } = event;
      if (annotation.deletedAt) return;
      requestAnimationFrame(() => reader.current?.reveal(annotation.id, { flash: true, scroll: false }));
      const badge: PresenceMark = { key: `badge:${annotation.id}`, name: initials(event.actor.name), color: colorFor(event.actor.id), start: annotation.start, end: annotation.start, badge: true };
      setBadges((before) => [...before.filter((b) => b.key !== badge.key), badge]);
      setTimeout(() => setBadges((before) => before.filter((b) => b !== badge)), BADGE_MS);
    },
    onReset: () => {
      if (!commands.busy) window.location.reload();
      else setNotice({ tone: "info", message: "This page was away too long to catch up; reload it once your changes are saved." });
    },
  });
  const connection = live.connection.state;
  useEffect(() => {
    commands.setOffline(connection === "offline" ? OFFLINE : connection === "ended" ? NO_ACCESS : null);
    if (connection === "ended") setNotice({ tone: "error", message: live.connection.detail === "signed-out" ? "You were signed out: sign in again to go on." : NO_ACCESS });
  }, [commands, connection, live.connection.detail]);
  const marks = useMemo<PresenceMark[]>(
    () =>
      live.others.flatMap((person) =>
        person.selection && person.connection ? [{ key: person.connection, name: person.user.name, color: person.color, ...person.selection }] : [],
      ).concat(badges),
    [live.others, badges],
  );

  const selected = selectedId ? store.get(selectedId) : undefined;
  const showError = useCallback((message: string) => setNotice({ tone: "error", message }), []);
  const entities = useMemo(() => annotations.filter((a) => a.label.kind === "entity" && !a.pending), [annotations]);

  const choose = useCallback((id: string) => {
    setSelectedId(id);
    reader.current?.select(id);
    reader.current?.reveal(id, { flash: true, caret: true });
  }, []);

  useDeepLink(link, reader, choose, useCallback((id: string) => store.get(id) !== undefined, [store]));
  const review = useReview({ annotations, commands, selectedId, choose, canReview: viewer.canReview, startInReview });
  const [hideRejected, setHideRejected] = useState(false);
  const listed = useMemo(() => (hideRejected ? annotations.filter((a) => a.status !== "rejected") : annotations), [annotations, hideRejected]);

  const backToText = () => {
    if (selectedId) reader.current?.reveal(selectedId, { caret: true });
    reader.current?.focus();
  };

  return (
    <>
    <WorkflowBar
      documentId={documentId}
      initial={initialWorkflow}
      activity={activity}
      canSubmit={viewer.canCreate}
      canReview={viewer.canReview}
      onShowAnnotation={(id) => (store.get(id) ? choose(id) : setNotice({ tone: "info", message: "That annotation has since been deleted." }))}
    />
    <section aria-labelledby="text-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-4 p-6 pb-4">
        <div className="grid gap-1.5">
          <h2 id="text-title" className="text-base font-semibold leading-tight tracking-tight">
            Text
          </h2>
          <p id="reader-help" className="text-sm text-slate-600">
            {viewer.canCreate
              ? "The canonical text, exactly as stored. Select a span and press a label's key to tag it; click a highlight for its details."
              : "The canonical text, exactly as stored. Click a highlight for its details."}
          </p>
          <LabelLegend labels={labels} />
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {viewer.canCreate && (
            <>
              <Button variant="outline" size="sm" disabled={!history.canUndo} onClick={() => void commands.undo()} aria-keyshortcuts="Control+Z Meta+Z">
                Undo
              </Button>
              <Button variant="outline" size="sm" disabled={!history.canRedo} onClick={() => void commands.redo()} aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z">
                Redo
              </Button>
            </>
          )}
          <label className="flex items-center gap-1.5 text-sm text-slate-700">
            <input type="checkbox" checked={hideRejected} onChange={(e) => setHideRejected(e.target.checked)} className="size-4 accent-slate-900" />
            Hide rejected
          </label>
          {viewer.canReview && (
            <Button variant={review.active ? "default" : "outline"} size="sm" aria-pressed={review.active} onClick={() => (review.active ? review.stop() : review.start())}>
              Review mode
            </Button>
          )}
          <ShortcutsHelp ref={help} />
          <PresenceBar people={live.others} state={connection} />
        </div>
      </div>
      <NoticeBar notice={notice} onDismiss={() => setNotice(null)} />
      {review.active && <ReviewBar {...review.bar} onExit={review.stop} />}
      <div className={`grid items-start gap-6 p-6 pt-2 lg:grid-cols-[minmax(0,1fr)_22rem]${hideRejected ? " tw-hide-rejected" : ""}`}>
        <AnnotationReader
          ref={reader}
          text={text}
          direction={direction}
          store={store}
          labels={labels}
          canTag={viewer.canCreate}
          presence={marks}
          onSelectionMove={live.moveSelection}
          onSelect={(id) => startTransition(() => setSelectedId(id))}
          onOpen={(id) => {
            setSelectedId(id);
            requestAnimationFrame(() => panelHeading.current?.focus());
          }}
          onTag={(range, label, id) => commands.create({ label: label.id, start: range.start, end: range.end, exact: range.exact }, label, id)}
          onDelete={(id) => {
            const annotation = store.get(id);
            if (annotation && canEdit(viewer, annotation)) void commands.remove(id);
          }}
          onUndo={() => void commands.undo()}
          onRedo={() => void commands.redo()}
          onNotice={(message) => setNotice({ tone: "info", message })}
        />
        <div className="grid gap-4 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto">
          {selected && (
            <AnnotationPanel
              key={selected.id}
              annotation={selected}
              labels={labels}
              entities={entities}
              index={index}
              viewer={viewer}
              headingRef={panelHeading}
              changedBy={store.changedBy(selected.id)}
              onUpdate={(patch) => commands.update(selected.id, review.asCorrection(patch))}
              review={{
                rejecting: review.rejecting,
                setRejecting: review.setRejecting,
                onDecide: (decision, reason) => review.decide(selected.id, decision, reason),
              }}
              onDelete={() => {
                void commands.remove(selected.id);
                reader.current?.focus();
              }}
              onNotice={showError}
              onClose={() => {
                backToText();
                setSelectedId(null);
                reader.current?.select(null);
              }}
            />
          )}
          <List annotations={listed} labels={labels} selectedId={selectedId} onChoose={choose} changedBy={store.changedBy} />
        </div>
      </div>
    </section>
    </>
  );
}
