import type { Editor } from "@tiptap/react";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { useEffect, useRef } from "react";
import { posRangeToCodePoints, rangeToPos, type SegmentTable } from "@/lib/text/editor-positions";

/**
 * Where someone else's selection is: a thin caret in their colour at its end, a faint line under
 * the range. Or, with `badge`, who just changed the annotation starting at `start`: their initials
 * (in `name`) on their colour, for a moment.
 */
export interface PresenceMark {
  key: string;
  name: string;
  color: string;
  start: number;
  end: number;
  badge?: boolean;
}

const presenceKey = new PluginKey<DecorationSet>("tracewell-presence");
const SAFE_COLOR = /^#[0-9a-f]{3,8}$/i;

function badge(mark: PresenceMark): HTMLElement {
  const element = document.createElement("span");
  element.className = "tw-author-badge";
  element.setAttribute("aria-hidden", "true");
  element.style.setProperty("--pc", mark.color);
  element.textContent = mark.name;
  return element;
}

function caret(mark: PresenceMark): HTMLElement {
  const element = document.createElement("span");
  element.className = "tw-presence-caret";
  element.setAttribute("aria-hidden", "true");
  element.style.setProperty("--pc", mark.color);
  const label = document.createElement("span");
  label.className = "tw-presence-label";
  label.textContent = mark.name;
  element.append(label);
  return element;
}

function build(doc: Parameters<typeof DecorationSet.create>[0], table: SegmentTable, marks: PresenceMark[]): DecorationSet {
  const decorations: Decoration[] = [];
  for (const mark of marks) {
    if (!SAFE_COLOR.test(mark.color)) continue;
    let range: { from: number; to: number };
    try {
      range = rangeToPos(table, mark.start, mark.end);
    } catch {
      continue; // outside this text
    }
    if (mark.badge) {
      decorations.push(Decoration.widget(range.from, () => badge(mark), { key: `${mark.key}:${mark.color}:${mark.name}`, side: -1, ignoreSelection: true }));
      continue;
    }
    if (range.to > range.from) {
      decorations.push(Decoration.inline(range.from, range.to, { class: "tw-presence-range", style: `--pc:${mark.color}` }, { key: `${mark.key}:range` }));
    }
    decorations.push(Decoration.widget(range.to, () => caret(mark), { key: `${mark.key}:${mark.color}:${mark.name}`, side: 1, ignoreSelection: true }));
  }
  return DecorationSet.create(doc, decorations);
}

/**
 * Other people's selections drawn in the reader, and this reader's own selection reported (in code
 * points, null when nothing is selected) as it moves.
 */
export function usePresenceMarks(
  editor: Editor | null,
  table: SegmentTable,
  marks: PresenceMark[],
  onSelection: ((range: { start: number; end: number } | null) => void) | undefined,
) {
  const report = useRef(onSelection);
  report.current = onSelection;
  /** What the plugin shows now (a fresh plugin shows nothing). */
  const drawn = useRef("[]");

  useEffect(() => {
    if (!editor) return;
    const plugin = new Plugin<DecorationSet>({
      key: presenceKey,
      state: {
        init: () => DecorationSet.empty,
        apply: (tr, set) => {
          const next = tr.getMeta(presenceKey) as PresenceMark[] | undefined;
          return next ? build(tr.doc, table, next) : set.map(tr.mapping, tr.doc);
        },
      },
      props: { decorations: (state) => presenceKey.getState(state) },
    });
    editor.registerPlugin(plugin);
    drawn.current = "[]";
    const onSelectionUpdate = () => {
      const { from, to, empty } = editor.state.selection;
      report.current?.(empty ? null : posRangeToCodePoints(table, from, to));
    };
    editor.on("selectionUpdate", onSelectionUpdate);
    return () => {
      editor.off("selectionUpdate", onSelectionUpdate);
      if (!editor.isDestroyed) editor.unregisterPlugin(presenceKey);
    };
  }, [editor, table]);

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    // Only when what is drawn changes: a transaction while the user extends a selection with the
    // keyboard must first take in the DOM's selection (the browser reports it late), or it would
    // put back the one ProseMirror last read.
    const key = JSON.stringify(marks);
    if (key === drawn.current) return;
    drawn.current = key;
    (editor.view as unknown as { domObserver?: { flush(): void } }).domObserver?.flush();
    editor.view.dispatch(editor.state.tr.setMeta(presenceKey, marks).setMeta("addToHistory", false));
  }, [editor, marks]);
}
