"use client";

import Document from "@tiptap/extension-document";
import Paragraph from "@tiptap/extension-paragraph";
import Text from "@tiptap/extension-text";
import { TextSelection, type Transaction } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import { startTransition, useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from "react";
import type { AnnotationStore } from "@/components/annotations/annotation-store";
import { newAnnotationId } from "@/components/annotations/new-id";
import type { Annotation, LabelInfo } from "@/components/annotations/types";
import { buildSegmentTable, posRangeToCodePoints, posToCodePoint, rangeToPos, toEditorDoc, type SegmentTable } from "@/lib/text/editor-positions";
import type { CodePointRange } from "@/lib/text/quote";
import { snapToWords } from "@/lib/text/snap";
import { FindBox } from "./find-box";
import { FindMatches } from "./find-plugin";
import { AnnotationHighlights, highlightEntry, highlightMeta, type Highlight, type Meta } from "./highlight-plugin";
import { LineBlock } from "./line-block";
import { ReadOnlyText } from "./read-only-text";
import { annotationIdsAt, isRedo, isUndo, labelForKey } from "./reader-keys";
import { SelectionToolbar } from "./selection-toolbar";
import { usePresenceMarks, type PresenceMark } from "./presence-plugin";
import "./annotation-reader.css";

export interface ReaderHandle {
  focus(): void;
  /** Scrolls to an annotation (unless `scroll: false`), optionally flashing it and putting the caret at its start. */
  reveal(id: string, options?: { flash?: boolean; caret?: boolean; scroll?: boolean }): void;
  /** Makes `id` the current annotation (or none), as chosen outside the reader: the list, the panel. */
  select(id: string | null): void;
  /** Selects exactly the code points [start, end) and scrolls to them (a link to characters); false before the text is drawn. */
  selectText(start: number, end: number): boolean;
}

export interface ReaderProps {
  text: string;
  direction: "ltr" | "rtl";
  store: AnnotationStore;
  labels: readonly LabelInfo[];
  canTag: boolean;
  /**
   * The current annotation changed in the reader. The reader owns the current annotation (changes
   * from outside come through the handle's select), so the parent may apply this at lower priority,
   * after the frame that shows the change.
   */
  onSelect: (id: string | null) => void;
  /** Enter on an annotation: move into its details. */
  onOpen: (id: string) => void;
  /** A snapped, non-empty code-point range to tag, under the id the reader chose for it (kept once saved). */
  onTag: (range: CodePointRange & { exact: string }, label: LabelInfo, id: string) => void;
  onDelete: (id: string) => void;
  onUndo: () => void;
  onRedo: () => void;
  onNotice: (message: string) => void;
  /** Other people's selections (live presence). */
  presence?: PresenceMark[];
  /** This reader's selection moved (code points; null: nothing selected). */
  onSelectionMove?: (range: CodePointRange | null) => void;
  ref?: Ref<ReaderHandle>;
}

const NO_MARKS: PresenceMark[] = [];

const FLASH_MS = 1600;

function toHighlight(table: SegmentTable, annotation: Annotation): Highlight | null {
  try {
    const { from, to } = rangeToPos(table, annotation.start, annotation.end);
    return { id: annotation.id, from, to, color: annotation.label.color, pending: annotation.pending, status: annotation.status };
  } catch {
    return null; // outside this text: nothing to draw
  }
}

function toHighlights(table: SegmentTable, annotations: readonly Annotation[]): Highlight[] {
  const out: Highlight[] = [];
  for (const annotation of annotations) {
    const highlight = toHighlight(table, annotation);
    if (highlight) out.push(highlight);
  }
  return out;
}

/** The annotation after (or before) the current one, or after the caret when none is current. */
function neighbour(store: AnnotationStore, table: SegmentTable, view: EditorView, currentId: string | null, step: 1 | -1): Annotation | undefined {
  const all = store.getSnapshot();
  if (all.length === 0) return undefined;
  const index = currentId ? all.findIndex((a) => a.id === currentId) : -1;
  if (index !== -1) return all[index + step];
  const caret = posToCodePoint(table, view.state.selection.head);
  if (step === 1) return all.find((a) => a.start >= caret);
  return all.findLast((a) => a.start < caret);
}

/**
 * The document text in a Tiptap reader: one paragraph per line (dir="auto" each) in blocks of
 * lines (LineBlock), annotations as decorations, tagging by hotkey or toolbar, keyboard
 * navigation between annotations. The text itself cannot change (ReadOnlyText); everything else
 * goes through the callbacks.
 */
export function AnnotationReader(props: ReaderProps) {
  const { text, direction, store, labels, canTag, ref } = props;
  const latest = useRef(props);
  latest.current = props;
  const table = useMemo(() => buildSegmentTable(text), [text]);
  const content = useMemo(() => toEditorDoc(table), [table]);
  const exactSelection = useRef(false);
  /**
   * The current annotation. The reader owns it: the workbench learns of a change at lower priority
   * (after the frame that shows it), and keys pressed meanwhile go from here. Following a prop
   * instead would let a late echo of an earlier choice undo a newer one.
   */
  const selected = useRef<string | null>(null);
  const clickCycle = useRef<{ pos: number; ids: string[] } | null>(null);
  const flashTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [count, setCount] = useState<number | null>(null);
  /** While tagging: the new annotation's id and where the caret goes once its highlight is drawn. */
  const tagged = useRef<{ id: string; caret: number } | null>(null);

  function tagSelection(editor: Editor, label: LabelInfo, exact: boolean): boolean {
    // The browser reports selection changes asynchronously (selectionchange); a hotkey pressed
    // right after Shift+arrow can arrive first. Make ProseMirror read the DOM selection now.
    (editor.view as unknown as { domObserver?: { flush(): void } }).domObserver?.flush();
    const { from, to, empty } = editor.state.selection;
    if (empty) {
      latest.current.onNotice("Select some text first, then press the label's key.");
      return true;
    }
    const range = posRangeToCodePoints(table, from, to);
    const snapped = snapToWords(text, range.start, range.end, { exact, index: table.index });
    if (!snapped || snapped.end <= snapped.start) {
      latest.current.onNotice("The selection holds only whitespace; nothing was tagged.");
      return true;
    }
    // The id is chosen here, so the highlight that arrives through the store (the subscription
    // below, the one way highlights change) is known as this tag's: the caret moves after it and it
    // becomes the current annotation in that same transaction, one redraw.
    const id = newAnnotationId();
    tagged.current = { id, caret: rangeToPos(table, snapped.start, snapped.end).to };
    try {
      latest.current.onTag({ ...snapped, exact: table.index.slice(snapped.start, snapped.end) }, label, id);
    } finally {
      tagged.current = null;
    }
    exactSelection.current = false;
    return true;
  }

  /** Makes `id` the current annotation; `view`, when given, shows it as such (in `tr`, if given). */
  function mark(id: string | null, view?: EditorView, tr: Transaction | undefined = view?.state.tr): void {
    selected.current = id;
    if (view && tr) view.dispatch(highlightMeta(tr, { type: "select", id }));
  }

  /** The reader's own choice of the current annotation: marked, then reported. */
  function choose(id: string | null, view?: EditorView, tr?: Transaction): void {
    mark(id, view, tr);
    latest.current.onSelect(id);
  }

  function select(view: EditorView, annotation: Annotation | undefined): void {
    if (!annotation) return;
    const entry = highlightEntry(view.state, annotation.id);
    choose(annotation.id, view, entry && view.state.tr.setSelection(TextSelection.create(view.state.doc, entry.highlight.from)).scrollIntoView());
  }

  function handleKeyDown(view: EditorView, event: KeyboardEvent): boolean {
    const current = latest.current;
    if (isUndo(event)) {
      current.onUndo();
      return true;
    }
    if (isRedo(event)) {
      current.onRedo();
      return true;
    }
    if (event.ctrlKey || event.metaKey) return false;
    const next = event.key === "]" || (event.altKey && event.key === "ArrowDown");
    const previous = event.key === "[" || (event.altKey && event.key === "ArrowUp");
    if (next || previous) {
      select(view, neighbour(store, table, view, selected.current, next ? 1 : -1));
      return true;
    }
    if (event.key === "Enter") {
      const id = selected.current ?? innermostAt(store, posToCodePoint(table, view.state.selection.head))?.id;
      if (id) {
        choose(id, view);
        current.onOpen(id);
      }
      return true;
    }
    if (event.key === "Escape") {
      const { selection } = view.state;
      if (!selection.empty) view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, selection.head)));
      else choose(null, view);
      return true;
    }
    if (event.key === "Delete" || event.key === "Backspace") {
      if (selected.current) current.onDelete(selected.current);
      return true;
    }
    if (event.shiftKey && event.key.startsWith("Arrow")) exactSelection.current = false;
    const label = current.canTag ? labelForKey(event, current.labels) : undefined;
    if (label && editorRef.current) return tagSelection(editorRef.current, label, event.altKey || exactSelection.current);
    return false;
  }

  function handleClick(view: EditorView, pos: number, event: MouseEvent): boolean {
    // ProseMirror calls this only for a click, not a drag; Shift+click extends the selection.
    if (event.shiftKey) return false;
    // The caret goes where the click was, in the editor state too, before a change of the
    // current annotation redraws the view (which would otherwise restore the state's old caret).
    const caret = view.state.tr.setSelection(TextSelection.create(view.state.doc, pos));
    const ids = annotationIdsAt(event.target, view.dom).sort((a, b) => spanLength(view, a) - spanLength(view, b));
    if (ids.length === 0) {
      clickCycle.current = null;
      choose(null, view, caret);
      return true;
    }
    // A second click on the same spot moves on to the next annotation stacked there.
    const current = selected.current;
    const at = current ? ids.indexOf(current) : -1;
    const again = at !== -1 && clickCycle.current !== null && Math.abs(clickCycle.current.pos - pos) <= 1;
    const id = again ? ids[(at + 1) % ids.length]! : at !== -1 ? current! : ids[0]!;
    clickCycle.current = { pos, ids };
    choose(id, view, caret);
    return true;
  }

  /** The second click of a double click is a click too: it cycles, and the word is still selected. */
  function handleDoubleClick(view: EditorView, pos: number, event: MouseEvent): boolean {
    if (annotationIdsAt(event.target, view.dom).length > 1) {
      const ids = annotationIdsAt(event.target, view.dom).sort((a, b) => spanLength(view, a) - spanLength(view, b));
      const current = selected.current;
      const at = current ? ids.indexOf(current) : -1;
      choose(ids[(at + 1) % ids.length]!, view);
    }
    return false;
  }

  const editor = useEditor(
    {
      immediatelyRender: false,
      shouldRerenderOnTransaction: false,
      enableInputRules: false,
      enablePasteRules: false,
      coreExtensionOptions: { clipboardTextSerializer: { blockSeparator: "\n" } },
      extensions: [
        Document.extend({ content: "lineBlock+" }),
        LineBlock,
        Paragraph.configure({ HTMLAttributes: { dir: "auto" } }),
        Text,
        ReadOnlyText,
        AnnotationHighlights,
        FindMatches,
      ],
      content,
      editorProps: {
        attributes: {
          "data-testid": "document-text",
          "aria-label": "Document text",
          "aria-readonly": "true",
          "aria-multiline": "true",
          "aria-describedby": "reader-help",
          role: "textbox",
          dir: direction,
          spellcheck: "false",
          autocorrect: "off",
          autocapitalize: "off",
          translate: "no",
          class: "tw-reader-text",
        },
        handleKeyDown,
        handleClick,
        handleDoubleClick,
        handleDOMEvents: {
          mouseup: (_view, event) => {
            exactSelection.current = event.altKey;
            return false;
          },
        },
      },
      onCreate: ({ editor: created }) => {
        const highlights = toHighlights(table, store.getSnapshot());
        created.view.dispatch(highlightMeta(created.state.tr, { type: "reset", highlights }));
        if (selected.current) created.view.dispatch(highlightMeta(created.state.tr, { type: "select", id: selected.current }));
        requestAnimationFrame(() => setCount(highlights.length));
      },
    },
    [],
  );
  const editorRef = useRef<Editor | null>(null);
  editorRef.current = editor;

  useEffect(() => {
    if (!editor) return;
    return store.subscribe(({ upsert, remove }) => {
      const change: Meta = { type: "change", upsert: toHighlights(table, upsert), remove };
      const tag = tagged.current;
      if (tag && upsert.some((annotation) => annotation.id === tag.id)) {
        tagged.current = null;
        selected.current = tag.id;
        const tr = editor.state.tr.setSelection(TextSelection.create(editor.state.doc, tag.caret));
        editor.view.dispatch(highlightMeta(tr, [change, { type: "select", id: tag.id }]));
        latest.current.onSelect(tag.id);
      } else editor.view.dispatch(highlightMeta(editor.state.tr, change));
      if (selected.current && remove.includes(selected.current) && !store.get(selected.current)) selected.current = null;
      startTransition(() => setCount(store.size));
    });
  }, [editor, store, table]);

  useEffect(() => () => clearTimeout(flashTimer.current), []);
  usePresenceMarks(editor, table, props.presence ?? NO_MARKS, props.onSelectionMove);

  useImperativeHandle(
    ref,
    () => ({
      focus: () => editor?.view.focus(),
      reveal: (id, { flash = false, caret = false, scroll = true } = {}) => {
        if (!editor) return;
        const { view } = editor;
        const entry = highlightEntry(view.state, id);
        if (!entry) return;
        if (caret) view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, entry.highlight.from)));
        const element = scroll ? view.dom.querySelector(`[data-annotation-id="${CSS.escape(id)}"]`) : null;
        element?.scrollIntoView({ block: "center", behavior: "instant" as ScrollBehavior });
        if (flash) {
          clearTimeout(flashTimer.current);
          view.dispatch(highlightMeta(view.state.tr, { type: "flash", id }));
          flashTimer.current = setTimeout(() => view.isDestroyed || view.dispatch(highlightMeta(view.state.tr, { type: "flash", id: null })), FLASH_MS);
        }
      },
      select: (id) => mark(id, editor?.view),
      selectText: (start, end) => {
        if (!editor) return false;
        const { view } = editor;
        const { from, to } = rangeToPos(table, start, end);
        view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, from, to)).scrollIntoView());
        view.focus();
        view.domAtPos(from).node.parentElement?.scrollIntoView({ block: "center", behavior: "instant" as ScrollBehavior });
        return true;
      },
    }),
    [editor, table],
  );

  return (
    <div className="tw-reader relative" data-highlight-count={count ?? undefined}>
      {!editor && (
        <p className="py-8 text-sm text-slate-600" role="status">
          Loading the text…
        </p>
      )}
      {editor && <FindBox editor={editor} table={table} />}
      <EditorContent editor={editor} />
      {editor && canTag && (
        <SelectionToolbar editor={editor} labels={labels} onTag={(label, exact) => tagSelection(editor, label, exact || exactSelection.current)} />
      )}
    </div>
  );
}

function innermostAt(store: AnnotationStore, cp: number): Annotation | undefined {
  let best: Annotation | undefined;
  for (const a of store.getSnapshot()) {
    if (a.start > cp) break;
    if (a.end > cp && (!best || a.end - a.start < best.end - best.start)) best = a;
  }
  return best;
}

function spanLength(view: EditorView, id: string): number {
  const entry = highlightEntry(view.state, id);
  return entry ? entry.highlight.to - entry.highlight.from : Number.MAX_SAFE_INTEGER;
}
